package dev.kiln.orchestrator.access;

import dev.kiln.orchestrator.OrchestratorException;

/** A user's name, password or role is not acceptable; the message says which and why. */
public final class InvalidUserException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** With what is wrong. */
    public InvalidUserException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
