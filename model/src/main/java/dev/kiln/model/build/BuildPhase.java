package dev.kiln.model.build;

import java.time.Instant;
import java.util.List;

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
        PhaseType phaseType, StatusType phaseStatus, Instant startTime, Instant endTime, List<PhaseContext> contexts) {

    public BuildPhase {
        contexts = contexts == null ? null : List.copyOf(contexts);
    }

    /** Whole seconds between start and end, as CodeBuild reports them; null while in progress. */
    public Long durationInSeconds() {
        return endTime == null ? null : (endTime.toEpochMilli() - startTime.toEpochMilli()) / 1000;
    }
}
