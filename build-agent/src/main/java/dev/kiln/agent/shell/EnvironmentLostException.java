package dev.kiln.agent.shell;

import dev.kiln.agent.AgentException;
import org.jspecify.annotations.Nullable;

/** The build's environment (container or driver process) ended while a command was running or about to run. */
public final class EnvironmentLostException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what ended and why, if known. */
    public EnvironmentLostException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public String statusCode() {
        return "BUILD_ENVIRONMENT_LOST";
    }
}
