package dev.kiln.orchestrator.trigger;

import dev.kiln.orchestrator.OrchestratorException;

/** A webhook delivery that cannot be trusted: unsigned, wrongly signed, or with the wrong token (401). */
public final class WebhookRejectedException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** The exception saying why, never with the secret. */
    public WebhookRejectedException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 401;
    }
}
