package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** An object key that is not one at all (empty, too long, with {@code ..} or control characters). */
public final class InvalidObjectKeyException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    InvalidObjectKeyException(String field, String why) {
        super("field " + field + ": " + why);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
