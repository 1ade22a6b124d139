package dev.kiln.agent.secret;

import dev.kiln.agent.AgentException;

/** A parameter or secret the buildspec asks for does not exist: the user's failure (CLIENT_ERROR). */
public final class MissingSecretException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception naming every missing parameter or secret (never a value). */
    public MissingSecretException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
