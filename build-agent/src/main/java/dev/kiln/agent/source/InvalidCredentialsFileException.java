package dev.kiln.agent.source;

import dev.kiln.agent.AgentException;

/** A git credentials file cannot be used: the user's input, refused before the build starts. */
public final class InvalidCredentialsFileException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception naming the file and entry. */
    public InvalidCredentialsFileException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
