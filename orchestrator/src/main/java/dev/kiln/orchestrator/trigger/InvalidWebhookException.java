package dev.kiln.orchestrator.trigger;

import dev.kiln.orchestrator.OrchestratorException;

/** A genuine webhook delivery whose body cannot be read as a push: names the field (400). */
public final class InvalidWebhookException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** The exception naming the field and what is wrong with it. */
    public InvalidWebhookException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
