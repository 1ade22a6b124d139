package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** An agent the orchestrator does not know (it restarted, or the agent was lost): it must say hello again. */
public final class UnknownAgentException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    UnknownAgentException(String agentId) {
        super("no agent " + agentId + " is connected; say hello again (PUT /api/v1/agents/" + agentId + ")");
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
