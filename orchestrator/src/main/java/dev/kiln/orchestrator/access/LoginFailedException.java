package dev.kiln.orchestrator.access;

import dev.kiln.orchestrator.OrchestratorException;

/** A login's name or password is wrong (which one is not said). */
public final class LoginFailedException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    /** The one message for every failed login. */
    public LoginFailedException() {
        super("wrong user name or password");
    }

    @Override
    public int httpStatus() {
        return 401;
    }
}
