package dev.kiln.agent.backend.docker;

import dev.kiln.agent.AgentException;
import org.jspecify.annotations.Nullable;

/** The engine refused to create, attach or start the build container. */
public final class UnableToStartContainerException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** An exception saying what the engine answered. */
    public UnableToStartContainerException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public String statusCode() {
        return "BUILD_CONTAINER_UNABLE_TO_START";
    }
}
