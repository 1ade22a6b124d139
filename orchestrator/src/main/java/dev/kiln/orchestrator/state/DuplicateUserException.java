package dev.kiln.orchestrator.state;

import dev.kiln.orchestrator.OrchestratorException;

/** A user is added under a name already taken. */
public final class DuplicateUserException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** For the name taken. */
    public DuplicateUserException(String name) {
        super("a user named " + name + " exists already; remove it first or choose another name");
    }

    @Override
    public int httpStatus() {
        return 409;
    }
}
