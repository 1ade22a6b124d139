package dev.kiln.model.deploy;

import java.util.Optional;

/**
 * CodeDeploy's rule for in-place deployments: a host being deployed counts as unhealthy, and the healthy hosts
 * (succeeded, or not yet touched) never drop below the minimum. Batches are as large as that allows; when no host
 * can be taken without breaking the minimum, the deployment fails ({@code HEALTH_CONSTRAINTS}). It succeeds when at
 * least the minimum, and at least one host, succeeded. Immutable.
 */
public final class HealthRule {
    private final DeploymentConfig config;
    private final int hosts;
    private final int minimum;

    /** The rule of a configuration over a fleet of {@code hosts}. */
    public HealthRule(DeploymentConfig config, int hosts) {
        this.config = config;
        this.hosts = hosts;
        this.minimum = config.minimumHealthy(hosts);
    }

    /** The minimum, in hosts. */
    public int minimum() {
        return minimum;
    }

    /** Why the deployment cannot even start ({@code HEALTH_CONSTRAINTS_INVALID}), if it cannot. */
    public Optional<String> invalid() {
        if (hosts == 0) {
            return Optional.of("the environment has no hosts");
        }
        if (minimum >= hosts) {
            return Optional.of(config + " needs " + minimum + " of " + hosts
                    + " hosts to stay healthy, so no host could ever be deployed; lower the minimum");
        }
        return Optional.empty();
    }

    /**
     * How many of the remaining hosts to deploy next, at once.
     *
     * @param succeeded hosts deployed and healthy
     * @param remaining hosts not yet touched
     * @return a batch size, 0 when no host may be taken (the deployment then fails if hosts remain)
     */
    public int nextBatch(int succeeded, int remaining) {
        int budget = succeeded + remaining - minimum;
        return Math.max(0, Math.min(budget, remaining));
    }

    /** Whether a deployment in which {@code succeeded} hosts succeeded succeeded. */
    public boolean succeeded(int succeeded) {
        return succeeded >= minimum && succeeded >= 1;
    }
}
