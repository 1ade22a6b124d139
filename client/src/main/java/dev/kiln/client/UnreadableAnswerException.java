package dev.kiln.client;

import org.jspecify.annotations.Nullable;

/** The orchestrator answered something that is not the record the API describes (another version, a proxy's page). */
public final class UnreadableAnswerException extends ClientException {
    private static final long serialVersionUID = 1L;

    /** An exception naming the call and what could not be read. */
    public UnreadableAnswerException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
