package dev.kiln.agent;

/** The root of every exception the build agent throws. Unchecked; leaves say what failed. */
public class AgentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public AgentException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public AgentException(String message, Throwable cause) {
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
