package dev.kiln.orchestrator.state;

import dev.kiln.model.api.ExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * One status change of a run ({@code stage} and {@code action} empty), a stage or an action.
 *
 * @param runId the run
 * @param stage the stage
 * @param action the action
 * @param status the new status
 * @param message why
 * @param time when
 */
public record StatusChangeRecord(
        String runId,
        Optional<String> stage,
        Optional<String> action,
        ExecutionStatus status,
        String message,
        Instant time) {}
