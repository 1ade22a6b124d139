package dev.kiln.orchestrator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.HostReport;
import dev.kiln.orchestrator.state.DeploymentRecord;
import java.time.Instant;
import java.util.List;

/**
 * A deployment as the API shows it, with each host's lifecycle events once it ended.
 *
 * @param id {@code d-...}
 * @param environment where it deploys
 * @param application the pipeline
 * @param runId the run whose action made it, or empty
 * @param commit the revision's commit
 * @param creator {@code pipeline}, {@code rollback} or {@code user}
 * @param status in CodeDeploy's words
 * @param errorCode CodeDeploy's error code for a failure
 * @param message what happened
 * @param rollbackOf the failed deployment an automatic rollback rolls back
 * @param rolledBackBy the rollback that followed this one's failure
 * @param redeployOf the earlier deployment whose revision this one deploys again
 * @param createdAt when it was created
 * @param endedAt when it ended, or null
 * @param hosts each host's report, once ended
 */
record DeploymentView(
        String id,
        String environment,
        String application,
        String runId,
        String commit,
        String creator,
        String status,
        String errorCode,
        String message,
        String rollbackOf,
        String rolledBackBy,
        String redeployOf,
        Instant createdAt,
        Instant endedAt,
        List<HostReport> hosts) {

    static DeploymentView of(DeploymentRecord d, boolean withHosts) {
        List<HostReport> hosts = List.of();
        if (withHosts && !d.report().isEmpty()) {
            try {
                hosts = ApiJson.MAPPER
                        .readValue(d.report(), DeploymentReport.class)
                        .hosts();
            } catch (JsonProcessingException e) {
                hosts = List.of();
            }
        }
        return new DeploymentView(
                d.id(),
                d.environment(),
                d.application(),
                d.runId(),
                d.commit(),
                d.creator(),
                d.status(),
                d.errorCode(),
                d.message(),
                d.rollbackOf(),
                d.rolledBackBy(),
                d.redeployOf(),
                d.createdAt(),
                d.endedAt().orElse(null),
                hosts);
    }
}
