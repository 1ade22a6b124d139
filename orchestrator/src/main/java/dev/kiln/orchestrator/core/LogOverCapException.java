package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** Log lines past what a job's log may hold: an agent that honours the cap it was given never sends them. */
public final class LogOverCapException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    LogOverCapException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 413;
    }
}
