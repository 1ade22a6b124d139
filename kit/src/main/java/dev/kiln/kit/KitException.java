package dev.kiln.kit;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the kit throws, and of the build agent's. Unchecked; leaves say what failed (the
 * engine did not answer, an image could not be pulled, the orchestrator refused a call).
 */
public class KitException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public KitException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public KitException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    /**
     * The phase context status code a build reports when this ends it ({@code CLIENT_ERROR},
     * {@code BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE}, ...). Leaves override it.
     */
    public String statusCode() {
        return "INTERNAL_ERROR";
    }
}
