package dev.kiln.orchestrator.state;

import dev.kiln.orchestrator.OrchestratorException;
import org.jspecify.annotations.Nullable;

/** The database cannot be reached, migrated or written. */
public final class StateUnavailableException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** What failed, and why. */
    public StateUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
