package dev.kiln.orchestrator.server;

import dev.kiln.kit.logging.KilnLogging;
import dev.kiln.orchestrator.state.LeaderLease;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * What this orchestrator does as its leader lease changes: fenced, it stops acting (the API answers 503, the
 * orchestrator's timers pause) until the lease is renewed as it was, then goes on where it was; lost to another
 * orchestrator, the process stops (a supervisor starts it again, on standby).
 */
final class Fence implements LeaderLease.Listener {
    private final AtomicBoolean up = new AtomicBoolean();
    private final Consumer<String> progress;
    private volatile Consumer<Boolean> orchestrator = fenced -> {};

    Fence(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Whether this orchestrator is fenced now. */
    boolean fenced() {
        return up.get();
    }

    /** Who pauses and resumes with the fence (the orchestrator, once it runs). */
    void follow(Consumer<Boolean> pause) {
        this.orchestrator = pause;
        if (up.get()) {
            pause.accept(true);
        }
    }

    @Override
    public void fenced(String why) {
        up.set(true);
        progress.accept("pausing: " + why + "; the API answers 503 until the lease is renewed");
        orchestrator.accept(true);
    }

    @Override
    public void resumed() {
        orchestrator.accept(false);
        up.set(false);
        progress.accept("the leader lease is renewed: going on where it was");
    }

    @Override
    public void lost(String why) {
        up.set(true);
        progress.accept("stopping at once: " + why + " (another orchestrator leads now)");
        KilnLogging.flush();
        Runtime.getRuntime().halt(3);
    }
}
