package dev.kiln.orchestrator.backup;

import dev.kiln.orchestrator.OrchestratorException;
import org.jspecify.annotations.Nullable;

/** A backup could not be made or restored; the message says why and what to do. */
public final class BackupException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** With what failed. */
    public BackupException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public int httpStatus() {
        return 400;
    }
}
