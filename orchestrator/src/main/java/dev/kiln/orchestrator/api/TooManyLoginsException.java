package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.OrchestratorException;

/** Too many failed logins from one address: the next attempt is refused unchecked until the pause ends. */
public final class TooManyLoginsException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    private final long retryAfterSeconds;

    /** When to try again. */
    public TooManyLoginsException(long retryAfterSeconds) {
        super("too many failed logins from this address; try again in " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Seconds until a login from that address is checked again. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public int httpStatus() {
        return 429;
    }
}
