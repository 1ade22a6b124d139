package dev.kiln.agent.cli;

import dev.kiln.agent.AgentException;

/** A command-line option's value cannot be used: exit 2, with a message that says how to fix it. */
final class InvalidOptionException extends AgentException {
    private static final long serialVersionUID = 1L;

    InvalidOptionException(String message) {
        super(message);
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
