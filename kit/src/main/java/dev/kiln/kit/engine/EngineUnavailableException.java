package dev.kiln.kit.engine;

import dev.kiln.kit.KitException;

/** No container engine answered; the message lists every place tried and why each failed. */
public final class EngineUnavailableException extends KitException {
    private static final long serialVersionUID = 1L;

    /** An exception with the list of attempts. */
    public EngineUnavailableException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "ENGINE_UNAVAILABLE";
    }
}
