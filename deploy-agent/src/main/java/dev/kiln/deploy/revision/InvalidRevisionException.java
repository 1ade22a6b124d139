package dev.kiln.deploy.revision;

import dev.kiln.deploy.DeployException;

/** The revision cannot be deployed: a bad appspec, a missing source, an unreadable archive. */
public class InvalidRevisionException extends DeployException {
    private static final long serialVersionUID = 1L;

    /** With a message that says what is wrong and where. */
    public InvalidRevisionException(String message) {
        super(message);
    }
}
