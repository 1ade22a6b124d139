package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** A request body larger than its call takes; the message says how large it may be. */
public final class TooLargeException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** What was too large, and the limit. */
    public TooLargeException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 413;
    }
}
