package dev.kiln.orchestrator;

import org.jspecify.annotations.Nullable;

/** The root of every exception the orchestrator throws. Unchecked; leaves say what failed. */
public class OrchestratorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public OrchestratorException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public OrchestratorException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status an API answers with when this ends a request; leaves override it. */
    public int httpStatus() {
        return 500;
    }
}
