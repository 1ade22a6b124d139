package dev.kiln.orchestrator.api;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many live streams (events, logs) an orchestrator keeps open at once: each holds a connection, a follower and a
 * timer, so past the limit a new one is refused (503) instead of growing without end.
 */
final class StreamSlots {
    /** Live streams an orchestrator serves at once. */
    static final int MAX = 1000;

    private final AtomicInteger open = new AtomicInteger();
    private final int max;

    StreamSlots(int max) {
        this.max = max;
    }

    /** Takes a slot; false when all are taken. */
    boolean take() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives a slot back. */
    void give() {
        open.decrementAndGet();
    }

    int open() {
        return open.get();
    }
}
