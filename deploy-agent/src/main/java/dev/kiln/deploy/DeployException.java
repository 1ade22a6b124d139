package dev.kiln.deploy;

/** The root of the deploy agent's exceptions: something Kiln could not do, with a message that says what. */
public class DeployException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message. */
    public DeployException(String message) {
        super(message);
    }

    /** With a message and a cause. */
    public DeployException(String message, Throwable cause) {
        super(message, cause);
    }
}
