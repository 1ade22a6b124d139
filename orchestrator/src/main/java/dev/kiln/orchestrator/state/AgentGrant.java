package dev.kiln.orchestrator.state;

import dev.kiln.model.api.AgentKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the agents of an agent token may be.
 *
 * @param kind build or deploy; empty for a token made before tokens were bound, which may be a build agent only
 * @param environments the environments its deploy agents may deploy to; empty for every environment
 * @param labels the labels its agents may claim; empty for any
 */
public record AgentGrant(Optional<AgentKind> kind, Optional<Set<String>> environments, Optional<Set<String>> labels) {
    public AgentGrant {
        environments = environments.map(Set::copyOf);
        labels = labels.map(Set::copyOf);
    }

    /** A grant of one kind, for every environment and any labels. */
    public static AgentGrant of(AgentKind kind) {
        return new AgentGrant(Optional.of(kind), Optional.empty(), Optional.empty());
    }

    /**
     * The grant of agent tokens made before tokens were bound: build agents only (the least any agent needs), so
     * that such a token never receives a deploy job's secrets.
     */
    public static AgentGrant unbound() {
        return new AgentGrant(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether its agents may be of that kind. */
    public boolean allows(AgentKind agent) {
        return kind.orElse(AgentKind.BUILD).equals(agent);
    }

    /** The labels of {@code claimed} its agents may not claim; empty when all are allowed. */
    public List<String> disallowedLabels(List<String> claimed) {
        return labels.map(allowed ->
                        claimed.stream().filter(l -> !allowed.contains(l)).toList())
                .orElse(List.of());
    }

    /** Whether its agents may deploy to that environment. */
    public boolean allowsEnvironment(String environment) {
        return environments.map(e -> e.contains(environment)).orElse(true);
    }
}
