package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** A webhook delivery received before (the same id, or the same body): a delivery is run once. */
public final class DuplicateDeliveryException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    DuplicateDeliveryException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
