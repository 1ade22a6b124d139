package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** A job that is not open, or not this agent's. */
public final class UnknownJobException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    UnknownJobException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
