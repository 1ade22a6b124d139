package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** This orchestrator may not act now (it is fenced): the caller tries again soon. */
public final class UnavailableException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** Why, and what to do. */
    public UnavailableException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
