package dev.kiln.agent.secret;

import dev.kiln.agent.AgentException;
import org.jspecify.annotations.Nullable;

/** A secrets file that cannot be read or is not a JSON object of names to values. */
public final class InvalidSecretsFileException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception saying which file and what is wrong (never a value). */
    public InvalidSecretsFileException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
