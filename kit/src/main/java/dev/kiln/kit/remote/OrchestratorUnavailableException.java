package dev.kiln.kit.remote;

import dev.kiln.kit.KitException;

/** The orchestrator could not be reached, or answered with a server error. */
public final class OrchestratorUnavailableException extends KitException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public OrchestratorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
