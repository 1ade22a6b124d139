package dev.kiln.orchestrator.deploy;

import dev.kiln.orchestrator.OrchestratorException;

/** No environment, or no deployment, goes by that name. */
public final class UnknownEnvironmentException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** With a message that says what to do. */
    public UnknownEnvironmentException(String message) {
        super(message);
    }

    @Override
    public int httpStatus() {
        return 404;
    }
}
