package dev.kiln.model.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A token made for agents.
 *
 * @param name its name
 * @param role always {@link Role#AGENT}
 * @param token the bearer token, shown once
 * @param kind the kind of agents it is for
 * @param environments the environments its deploy agents may deploy to; null for every environment
 */
public record AgentToken(
        String name,
        Role role,
        String token,
        AgentKind kind,
        @Nullable List<String> environments) {
    public AgentToken {
        environments = environments == null ? null : List.copyOf(environments);
    }

    @Override
    public String toString() {
        return "AgentToken[" + name + "]";
    }
}
