package dev.kiln.kit.remote;

import dev.kiln.kit.KitException;

/** The orchestrator refused a call (4xx): a bad token, an agent it forgot, a job no longer this agent's. */
public final class RefusedByOrchestratorException extends KitException {
    private static final long serialVersionUID = 1L;
    private final int status;

    /** The status and the orchestrator's message. */
    public RefusedByOrchestratorException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
