package dev.kiln.client;

import org.jspecify.annotations.Nullable;

/** The root of every exception the API client throws: the orchestrator could not be asked, or it refused. */
public class ClientException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public ClientException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public ClientException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
