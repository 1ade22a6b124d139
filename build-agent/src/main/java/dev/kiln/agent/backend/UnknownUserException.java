package dev.kiln.agent.backend;

import dev.kiln.agent.AgentException;
import org.jspecify.annotations.Nullable;

/** A {@code run-as} user the build's image does not know: the user's failure (CLIENT_ERROR). */
public final class UnknownUserException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception naming the user and what the environment said. */
    public UnknownUserException(String user, String detail, @Nullable Throwable cause) {
        super(
                "cannot run commands as '" + user + "': " + detail + "; create the user in the image or remove run-as",
                cause);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
