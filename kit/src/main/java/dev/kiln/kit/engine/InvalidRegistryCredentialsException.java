package dev.kiln.kit.engine;

import dev.kiln.kit.KitException;

/** An image pull credentials file cannot be used: the user's input, refused before the build starts. */
public final class InvalidRegistryCredentialsException extends KitException {
    private static final long serialVersionUID = 1L;

    /** The exception naming the file and registry. */
    public InvalidRegistryCredentialsException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
