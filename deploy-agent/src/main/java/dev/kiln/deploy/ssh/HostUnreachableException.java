package dev.kiln.deploy.ssh;

import dev.kiln.deploy.DeployException;

/** A host could not be reached, or refused the login. */
public class HostUnreachableException extends DeployException {
    private static final long serialVersionUID = 1L;

    /** With a message and a cause. */
    public HostUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
