package dev.kiln.orchestrator.deploy;

import dev.kiln.orchestrator.OrchestratorException;

/** An environment's settings are wrong; the message names the field and what to write. */
public final class InvalidEnvironmentException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** With a message naming the field. */
    public InvalidEnvironmentException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
