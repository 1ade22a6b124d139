package dev.kiln.model.api;

import dev.kiln.model.deploy.HostReport;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A deployment as the API shows it, with each host's lifecycle events once it ended.
 *
 * @param id {@code d-...}
 * @param environment where it deploys
 * @param application the pipeline
 * @param runId the run whose action made it, or empty
 * @param commit the revision's commit
 * @param creator who made it
 * @param status where it stands
 * @param errorCode CodeDeploy's error code for a failure
 * @param message what happened
 * @param rollbackOf the failed deployment an automatic rollback rolls back
 * @param rolledBackBy the rollback that followed this one's failure
 * @param redeployOf the earlier deployment whose revision this one deploys again
 * @param createdAt when it was created
 * @param endedAt when it ended, or null
 * @param hosts each host's report, once ended (in {@code show} only)
 */
public record Deployment(
        String id,
        String environment,
        String application,
        String runId,
        String commit,
        DeploymentCreator creator,
        DeploymentStatus status,
        String errorCode,
        String message,
        String rollbackOf,
        String rolledBackBy,
        String redeployOf,
        Instant createdAt,
        @Nullable Instant endedAt,
        List<HostReport> hosts) {}
