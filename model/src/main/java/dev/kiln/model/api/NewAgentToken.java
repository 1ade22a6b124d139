package dev.kiln.model.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A request for a token for agents.
 *
 * @param name its name: which machine or agents it is for
 * @param kind the kind of agents it is for; build when absent
 * @param environments for a deploy token, the environments its agents may deploy to; absent for every environment
 * @param labels the labels its agents may claim (an agent that says hello with another is refused); absent for any
 */
public record NewAgentToken(
        String name,
        @Nullable AgentKind kind,
        @Nullable List<String> environments,
        @Nullable List<String> labels) {
    public NewAgentToken {
        environments = environments == null ? null : List.copyOf(environments);
        labels = labels == null ? null : List.copyOf(labels);
    }
}
