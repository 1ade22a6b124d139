package dev.kiln.model.api;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An agent token as listed: never the token itself.
 *
 * @param name its name
 * @param kind the kind of agents it is for; null for a token made before tokens were bound (build agents only)
 * @param environments the environments its deploy agents may deploy to; null for every environment
 * @param labels the labels its agents may claim; null for any
 * @param createdAt when it was made
 */
public record AgentTokenInfo(
        String name,
        @Nullable AgentKind kind,
        @Nullable List<String> environments,
        @Nullable List<String> labels,
        Instant createdAt) {
    public AgentTokenInfo {
        environments = environments == null ? null : List.copyOf(environments);
        labels = labels == null ? null : List.copyOf(labels);
    }
}
