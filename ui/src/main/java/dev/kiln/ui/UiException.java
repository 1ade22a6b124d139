package dev.kiln.ui;

/** The UI's unchecked exception root: what failed, said so that a user can act on it. */
public class UiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** With a message and a cause. */
    public UiException(String message, Throwable cause) {
        super(message, cause);
    }

    /** With a message. */
    public UiException(String message) {
        super(message);
    }
}
