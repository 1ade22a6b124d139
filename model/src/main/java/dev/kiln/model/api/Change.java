package dev.kiln.model.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One change, as {@code GET /events} streams it (server-sent events named by its kind).
 *
 * @param kind what changed
 * @param id the run's or the deployment's id
 * @param scope the run's pipeline, or the deployment's environment
 * @param stage the stage that changed, or null for the run (or a deployment)
 * @param action the action that changed, or null
 * @param status the new status: a run's, stage's or action's ({@link ExecutionStatus}), or a deployment's
 *     ({@link DeploymentStatus})
 * @param time when
 */
public record Change(
        ChangeKind kind,
        String id,
        String scope,
        @Nullable String stage,
        @Nullable String action,
        String status,
        Instant time) {

    /** What a client tells its own followers when it reconnected: they may have missed changes meanwhile. */
    public static Change reconnected(Instant now) {
        return new Change(ChangeKind.RECONNECTED, "", "", null, null, "", now);
    }
}
