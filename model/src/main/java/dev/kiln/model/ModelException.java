package dev.kiln.model;

/** The root of every exception the model module throws. Unchecked. */
public class ModelException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public ModelException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
