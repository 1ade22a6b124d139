package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** A call for an agent that said hello with another token: an agent belongs to the token it said hello with. */
public final class ForeignAgentException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    ForeignAgentException(String agentId) {
        super("agent " + agentId + " said hello with another token; an agent may be spoken for only with the token it"
                + " said hello with (choose another agent id)");
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
