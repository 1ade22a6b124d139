package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** A job asked for an object it may not touch: another run's, another repository's, or a write to an input. */
public final class ObjectOutsideJobException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    ObjectOutsideJobException(String jobId, String what) {
        super("job " + jobId + " may not " + what + ": a job reads its inputs, and reads and writes its own outputs"
                + " and its repository's caches only");
    }

    @Override
    public int httpStatus() {
        return 403;
    }
}
