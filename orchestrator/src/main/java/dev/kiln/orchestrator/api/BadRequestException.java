package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** A request the API cannot take as it is; the message names the field or parameter. */
public final class BadRequestException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** What is wrong. */
    public BadRequestException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
