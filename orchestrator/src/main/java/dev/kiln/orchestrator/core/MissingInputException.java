package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** An action's input artifact was never made. */
final class MissingInputException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    MissingInputException(String message) {
        super(message);
    }
}
