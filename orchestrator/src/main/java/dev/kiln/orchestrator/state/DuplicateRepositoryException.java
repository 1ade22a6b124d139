package dev.kiln.orchestrator.state;

import dev.kiln.orchestrator.OrchestratorException;

/** A repository is added under a name already taken. */
public final class DuplicateRepositoryException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** For the name taken. */
    public DuplicateRepositoryException(String name) {
        super("a repository named " + name + " exists already; pick another with --name, or remove it first");
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
