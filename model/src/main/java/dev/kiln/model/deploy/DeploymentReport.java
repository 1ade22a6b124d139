package dev.kiln.model.deploy;

import dev.kiln.model.api.DeploymentStatus;
import java.util.List;

/**
 * How a deployment ended, as its agent reports it.
 *
 * @param status {@code Succeeded}, {@code Failed} or {@code Stopped}
 * @param errorCode for a failure, CodeDeploy's code ({@code HEALTH_CONSTRAINTS}, {@code HEALTH_CONSTRAINTS_INVALID},
 *     {@code NO_INSTANCES}, {@code INVALID_REVISION}, {@code MANUAL_STOP}, ...), else empty
 * @param message what happened, in a line
 * @param hosts each host's report, in the environment's order
 * @param learnedHostKeys host keys seen for the first time and trusted (trust on first use), to be recorded
 */
public record DeploymentReport(
        DeploymentStatus status,
        String errorCode,
        String message,
        List<HostReport> hosts,
        List<KnownHostKey> learnedHostKeys) {
    public DeploymentReport {
        hosts = List.copyOf(hosts);
        learnedHostKeys = List.copyOf(learnedHostKeys);
    }

    /** Whether the deployment succeeded. */
    public boolean succeeded() {
        return status == DeploymentStatus.SUCCEEDED;
    }
}
