package dev.kiln.model.build;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One phase of a build as reported ({@code BuildPhase}). A phase in progress has no status and no end; SUBMITTED,
 * QUEUED and COMPLETED carry no contexts.
 *
 * @param phaseType the phase
 * @param phaseStatus how it ended; null while in progress and for COMPLETED
 * @param startTime when it started
 * @param endTime when it ended; null while in progress
 * @param contexts why it ended so
 */
public record BuildPhase(
        PhaseType phaseType,
        @Nullable StatusType phaseStatus,
        Instant startTime,
        @Nullable Instant endTime,
        @Nullable List<PhaseContext> contexts) {

    public BuildPhase {
        contexts = contexts == null ? null : List.copyOf(contexts);
    }

    /** Whole seconds between start and end, as CodeBuild reports them; null while in progress. */
    public @Nullable Long durationInSeconds() {
        return endTime == null ? null : (endTime.toEpochMilli() - startTime.toEpochMilli()) / 1000;
    }
}
