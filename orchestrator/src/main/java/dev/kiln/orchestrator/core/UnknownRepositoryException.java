package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.OrchestratorException;

/** A repository name that names no registered repository. */
public final class UnknownRepositoryException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    UnknownRepositoryException(String name) {
        super("no repository named " + name + "; see kiln repos list");
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
