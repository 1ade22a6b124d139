package dev.kiln.model.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An agent token as listed: never the token itself.
 *
 * @param name its name
 * @param kind the kind of agents it is for; null for a token made before tokens were bound (any kind)
 * @param environments the environments its deploy agents may deploy to; null for every environment
 * @param createdAt when it was made
 */
public record AgentTokenInfo(
        String name, @Nullable AgentKind kind, @Nullable List<String> environments, Instant createdAt) {
    public AgentTokenInfo {
        environments = environments == null ? null : List.copyOf(environments);
    }
}
