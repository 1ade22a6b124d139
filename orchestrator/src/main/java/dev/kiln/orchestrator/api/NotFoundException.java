package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** Nothing by that id or name. */
public final class NotFoundException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** What was not found. */
    public NotFoundException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
