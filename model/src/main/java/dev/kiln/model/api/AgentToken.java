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
 * @param labels the labels its agents may claim; null for any
 */
public record AgentToken(
        String name,
        Role role,
        String token,
        AgentKind kind,
        @Nullable List<String> environments,
        @Nullable List<String> labels) {
    public AgentToken {
        environments = environments == null ? null : List.copyOf(environments);
        labels = labels == null ? null : List.copyOf(labels);
    }

    @Override
    public String toString() {
        return "AgentToken[" + name + "]";
    }
}
