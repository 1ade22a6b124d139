package dev.kiln.orchestrator;

/** Work refused because the queue of its {@link WorkPool} is full: the caller tries again in a moment. */
public final class BusyException extends OrchestratorException {
    private static final long serialVersionUID = 1L;

    BusyException(String pool) {
        super("the orchestrator is busy (its " + pool + " work is queued to the limit); try again in a moment");
    }

    @Override
    public int httpStatus() {
        return 503;
    }
}
