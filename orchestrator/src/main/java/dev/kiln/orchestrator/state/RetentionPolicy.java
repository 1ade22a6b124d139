package dev.kiln.orchestrator.state;

import java.time.Duration;
import java.util.Optional;

/**
 * Which ended runs an orchestrator keeps: the newest {@code keepRuns} of each pipeline, and those that ended within
 * {@code keepDays}; a run either rule lets go is removed with its jobs, logs and artifacts. Neither set keeps all.
 *
 * @param keepRuns runs kept per pipeline, at least 1
 * @param keepDays days an ended run is kept, at least 1
 */
public record RetentionPolicy(Optional<Integer> keepRuns, Optional<Integer> keepDays) {
    /** Keeps everything. */
    public static final RetentionPolicy KEEP_ALL = new RetentionPolicy(Optional.empty(), Optional.empty());

    public RetentionPolicy {
        if (keepRuns.filter(n -> n < 1).isPresent()
                || keepDays.filter(n -> n < 1).isPresent()) {
            throw new IllegalArgumentException("keep at least 1 run and 1 day");
        }
    }

    /** Whether anything is ever removed. */
    public boolean removes() {
        return keepRuns.isPresent() || keepDays.isPresent();
    }

    /** How long an ended run is kept, if a time is set. */
    public Optional<Duration> keepFor() {
        return keepDays.map(Duration::ofDays);
    }
}
