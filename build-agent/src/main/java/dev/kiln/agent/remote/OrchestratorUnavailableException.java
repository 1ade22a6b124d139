package dev.kiln.agent.remote;

import dev.kiln.agent.AgentException;

/** The orchestrator could not be reached, or answered with a server error. */
public final class OrchestratorUnavailableException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public OrchestratorUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
