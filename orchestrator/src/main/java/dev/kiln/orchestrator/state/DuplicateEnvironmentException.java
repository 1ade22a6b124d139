package dev.kiln.orchestrator.state;

import dev.kiln.orchestrator.OrchestratorException;

/** An environment is added under a name already taken. */
public final class DuplicateEnvironmentException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** For the name taken. */
    public DuplicateEnvironmentException(String name) {
        super("an environment named " + name + " exists already; remove it first or choose another name");
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
