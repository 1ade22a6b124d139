package dev.kiln.orchestrator.access;

import dev.kiln.orchestrator.OrchestratorException;

/** A token given to keep (from a deployment's secrets) is not acceptable; the message says why and what to do. */
public final class InvalidTokenException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** With what is wrong. */
    public InvalidTokenException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
