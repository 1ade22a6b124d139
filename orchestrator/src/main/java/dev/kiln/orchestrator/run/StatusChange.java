package dev.kiln.orchestrator.run;

import dev.kiln.model.api.ExecutionStatus;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One recorded status change, for the run's history.
 *
 * @param runId the run
 * @param stage the stage, or null for the run itself
 * @param action the action, or null for a run or a stage
 * @param status the new status
 * @param message why, when there is something to say
 * @param time when
 */
public record StatusChange(
        String runId,
        @Nullable String stage,
        @Nullable String action,
        ExecutionStatus status,
        String message,
        Instant time) {}
