package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** A call whose token speaks for a role too low for it. */
public final class ForbiddenException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** Why. */
    public ForbiddenException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
