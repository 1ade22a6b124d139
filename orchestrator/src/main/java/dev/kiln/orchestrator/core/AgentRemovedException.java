package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** An agent an admin removed called again: it must stop (410, Gone). */
public final class AgentRemovedException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** For the agent's id. */
    public AgentRemovedException(String agentId) {
        super("agent " + agentId + " was removed by an admin; start the agent again to join anew");
    }

    @Override
    public int httpStatus() {
        return 410;
    }
}
