package dev.kiln.agent.source;

import dev.kiln.agent.AgentException;
import org.jspecify.annotations.Nullable;

/** A repository or version could not be fetched: a wrong URL, version or credential is the user's (CLIENT_ERROR). */
public final class UnableToFetchSourceException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception saying what and why. */
    public UnableToFetchSourceException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
