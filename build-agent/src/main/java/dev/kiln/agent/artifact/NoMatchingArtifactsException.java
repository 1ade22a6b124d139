package dev.kiln.agent.artifact;

import dev.kiln.agent.AgentException;

/** No file matched an artifact's globs: the user's failure (CLIENT_ERROR), not Kiln's. */
public final class NoMatchingArtifactsException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception with CodeBuild's message. */
    public NoMatchingArtifactsException() {
        super("no matching artifact paths found");
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
