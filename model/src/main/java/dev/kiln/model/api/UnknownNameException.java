package dev.kiln.model.api;

import dev.kiln.model.ModelException;

/** A status, kind or role the API does not know. */
public final class UnknownNameException extends ModelException {
    private static final long serialVersionUID = 1L;

    /** An exception with the message. */
    public UnknownNameException(String message) {
        super(message);
    }
}
