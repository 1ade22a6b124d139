package dev.kiln.deploy.ssh;

import dev.kiln.deploy.DeployException;

/** A command Kiln runs on a host for its own work (not a user's hook) failed. */
public class RemoteCommandException extends DeployException {
    private static final long serialVersionUID = 1L;

    /** With a message that says what failed and what the host printed. */
    public RemoteCommandException(String message) {
        super(message);
    }
}
