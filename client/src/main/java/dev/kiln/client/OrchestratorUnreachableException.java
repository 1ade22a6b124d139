package dev.kiln.client;

/** No orchestrator answered: none listens at the URL, the connection broke, or the call timed out. */
public final class OrchestratorUnreachableException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** An exception saying where and what to do. */
    public OrchestratorUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
