package dev.kiln.orchestrator.state;

import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.api.DeploymentStatus;
import java.time.Instant;
import java.util.Optional;

/**
 * A deployment as stored.
 *
 * @param id {@code d-...}
 * @param environment the environment's name
 * @param application the pipeline that deploys there (CodeDeploy's application)
 * @param runId the run whose deploy action made it, or empty (a rollback by hand)
 * @param jobId the job that runs it, empty until one is made
 * @param revisionKey the revision's zip in the object store
 * @param commit the commit the revision was built from, or empty
 * @param creator who made it: a pipeline, an automatic rollback or a user
 * @param status {@code Created}, {@code Queued}, {@code InProgress}, {@code Succeeded}, {@code Failed} or
 *     {@code Stopped}
 * @param errorCode CodeDeploy's error code when it failed, else empty
 * @param message what happened, in a line
 * @param rollbackOf for an automatic rollback, the failed deployment it rolls back, else empty
 * @param rolledBackBy the rollback of this deployment, if one ran, else empty
 * @param redeployOf the earlier deployment whose revision this one deploys again (hosts reuse its release), else
 *     empty
 * @param report the agent's report as JSON, empty until it ended
 * @param createdAt when it was created
 * @param endedAt when it ended
 */
public record DeploymentRecord(
        String id,
        String environment,
        String application,
        String runId,
        String jobId,
        String revisionKey,
        String commit,
        DeploymentCreator creator,
        DeploymentStatus status,
        String errorCode,
        String message,
        String rollbackOf,
        String rolledBackBy,
        String redeployOf,
        String report,
        Instant createdAt,
        Optional<Instant> endedAt) {

    /** A new deployment, {@code Created}. */
    public static DeploymentRecord created(
            String id,
            String environment,
            String application,
            String runId,
            String jobId,
            String revisionKey,
            String commit,
            DeploymentCreator creator,
            Instant at) {
        return new DeploymentRecord(
                id,
                environment,
                application,
                runId,
                jobId,
                revisionKey,
                commit,
                creator,
                DeploymentStatus.CREATED,
                "",
                "",
                "",
                "",
                "",
                "",
                at,
                Optional.empty());
    }

    /** The same deployment in another status. */
    public DeploymentRecord withStatus(DeploymentStatus newStatus) {
        return new DeploymentRecord(
                id,
                environment,
                application,
                runId,
                jobId,
                revisionKey,
                commit,
                creator,
                newStatus,
                errorCode,
                message,
                rollbackOf,
                rolledBackBy,
                redeployOf,
                report,
                createdAt,
                endedAt);
    }

    /** The same deployment as a redeployment of {@code earlier}'s revision, rolling back {@code failed}. */
    public DeploymentRecord rollingBack(String failed, String earlier) {
        return new DeploymentRecord(
                id,
                environment,
                application,
                runId,
                jobId,
                revisionKey,
                commit,
                creator,
                status,
                errorCode,
                message,
                failed,
                rolledBackBy,
                earlier,
                report,
                createdAt,
                endedAt);
    }

    /** The same deployment ended. */
    public DeploymentRecord ended(DeploymentStatus newStatus, String code, String text, String json, Instant at) {
        return new DeploymentRecord(
                id,
                environment,
                application,
                runId,
                jobId,
                revisionKey,
                commit,
                creator,
                newStatus,
                code,
                text,
                rollbackOf,
                rolledBackBy,
                redeployOf,
                json,
                createdAt,
                Optional.of(at));
    }

    /** The same deployment, rolled back by {@code rollback}. */
    public DeploymentRecord rolledBackBy(String rollback) {
        return new DeploymentRecord(
                id,
                environment,
                application,
                runId,
                jobId,
                revisionKey,
                commit,
                creator,
                status,
                errorCode,
                message,
                rollbackOf,
                rollback,
                redeployOf,
                report,
                createdAt,
                endedAt);
    }

    /** The same deployment run by a job. */
    public DeploymentRecord withJob(String job) {
        return new DeploymentRecord(
                id,
                environment,
                application,
                runId,
                job,
                revisionKey,
                commit,
                creator,
                status,
                errorCode,
                message,
                rollbackOf,
                rolledBackBy,
                redeployOf,
                report,
                createdAt,
                endedAt);
    }
}
