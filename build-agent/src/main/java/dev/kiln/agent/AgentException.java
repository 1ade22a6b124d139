package dev.kiln.agent;

import dev.kiln.kit.KitException;
import org.jspecify.annotations.Nullable;

/**
 * The root of every exception the build agent throws. Unchecked; leaves say what failed. It is a {@link KitException}
 * because a build ends the same way whether the engine (in the kit) or the build itself failed: both carry the phase
 * context status code the build reports.
 */
public class AgentException extends KitException {
    private static final long serialVersionUID = 1L;

    /** An exception with a message. */
    public AgentException(String message) {
        super(message);
    }

    /** An exception with a message and a cause. */
    public AgentException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
