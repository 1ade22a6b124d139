package dev.kiln.orchestrator.source;

import dev.kiln.orchestrator.OrchestratorException;
import org.jspecify.annotations.Nullable;

/** A repository could not be fetched or read. */
public final class UnableToReadRepositoryException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** What failed, and why. */
    public UnableToReadRepositoryException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public int httpStatus() {
        return 422;
    }
}
