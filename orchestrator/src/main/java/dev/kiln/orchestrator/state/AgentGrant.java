package dev.kiln.orchestrator.state;

import dev.kiln.model.api.AgentKind;
import java.util.Optional;
import java.util.Set;

/**
 * What the agents of an agent token may be.
 *
 * @param kind build or deploy; empty for a token made before tokens were bound (any kind)
 * @param environments the environments its deploy agents may deploy to; empty for every environment
 */
public record AgentGrant(Optional<AgentKind> kind, Optional<Set<String>> environments) {
    public AgentGrant {
        environments = environments.map(Set::copyOf);
    }

    /** A grant that limits nothing: agent tokens made before tokens were bound. */
    public static AgentGrant unbound() {
        return new AgentGrant(Optional.empty(), Optional.empty());
    }

    /** Whether its agents may be of that kind. */
    public boolean allows(AgentKind agent) {
        return kind.map(agent::equals).orElse(true);
    }

    /** Whether its agents may deploy to that environment. */
    public boolean allowsEnvironment(String environment) {
        return environments.map(e -> e.contains(environment)).orElse(true);
    }
}
