package dev.kiln.agent.backend.docker;

import dev.kiln.agent.AgentException;

/** No container engine answered; the message lists every place tried and why each failed. */
public final class EngineUnavailableException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** An exception with the list of attempts. */
    public EngineUnavailableException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "ENGINE_UNAVAILABLE";
    }
}
