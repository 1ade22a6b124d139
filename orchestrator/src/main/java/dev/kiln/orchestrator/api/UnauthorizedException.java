package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** A call without a valid token. */
public final class UnauthorizedException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public UnauthorizedException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 401;
    }
}
