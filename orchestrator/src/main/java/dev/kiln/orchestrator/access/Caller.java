package dev.kiln.orchestrator.access;

import dev.kiln.model.api.Principal;
import dev.kiln.orchestrator.state.AgentGrant;
import java.util.Optional;

/**
 * Who made a call, as its token says.
 *
 * @param principal the name and role it speaks for
 * @param tokenHash the SHA-256 of its token: the agents it said hello for are bound to it
 * @param grant for an agent token, what its agents may be
 */
public record Caller(Principal principal, String tokenHash, Optional<AgentGrant> grant) {
    @Override
    public String toString() {
        return "Caller[" + principal + "]";
    }
}
