package dev.kiln.agent.artifact;

import dev.kiln.agent.AgentException;

/** An artifact name, once evaluated, is unusable as a file name (empty, absolute, or with {@code ..}). */
public final class InvalidArtifactNameException extends AgentException {
    private static final long serialVersionUID = 1L;

    /** The exception naming the evaluated name. */
    public InvalidArtifactNameException(String name) {
        super("artifact name '" + name + "' is not a usable file name (empty, absolute, or containing '..')");
    }

    @Override
    public String statusCode() {
        return "CLIENT_ERROR";
    }
}
