package dev.kiln.client;

import org.jspecify.annotations.Nullable;

/** No orchestrator answered: none listens at the URL, the connection broke, or the call timed out. */
public final class OrchestratorUnreachableException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** An exception saying where and what to do. */
    public OrchestratorUnreachableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
