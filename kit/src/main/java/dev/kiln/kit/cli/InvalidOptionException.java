package dev.kiln.kit.cli;

import dev.kiln.kit.KitException;

/** A command-line option's value cannot be used: exit 2, with a message that says how to fix it. */
public final class InvalidOptionException extends KitException {
    private static final long serialVersionUID = 1L;

    /** The option and how to fix it. */
    public InvalidOptionException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
