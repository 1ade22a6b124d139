package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** An agent token was used for an agent it was not made for (another kind). */
public final class AgentNotAllowedException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    AgentNotAllowedException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
