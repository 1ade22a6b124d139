package dev.kiln.deploy.ssh;

import dev.kiln.deploy.DeployException;

/** A host presented a key the environment does not trust. */
public class HostKeyRejectedException extends DeployException {
    private static final long serialVersionUID = 1L;

    /** With a message that names the host and the fingerprint seen. */
    public HostKeyRejectedException(String message) {
        super(message);
    }
}
