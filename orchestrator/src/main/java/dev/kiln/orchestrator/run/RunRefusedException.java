package dev.kiln.orchestrator.run;

import dev.kiln.orchestrator.OrchestratorException;

/** A request the run's state does not allow (stopping a finished run, retrying a stage a newer run has entered). */
public final class RunRefusedException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** The exception saying why and what can be done instead. */
    public RunRefusedException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
