package dev.kiln.model.deploy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How a deployment goes through an environment's hosts: CodeDeploy's three predefined configurations or a custom
 * minimum of healthy hosts.
 *
 * @param name {@code OneAtATime}, {@code HalfAtATime}, {@code AllAtOnce} or {@code Custom}
 * @param minimumHealthyHosts the minimum for {@code Custom}, and for the predefined ones their own (OneAtATime keeps
 *     all hosts but one healthy: its minimum is worked out from the fleet)
 */
public record DeploymentConfig(String name, MinimumHealthyHosts minimumHealthyHosts) {
    /** The names of the predefined configurations. */
    public static final List<String> PREDEFINED = List.of("OneAtATime", "HalfAtATime", "AllAtOnce");

    /** One host at a time; a failure on any host but the last fails the deployment. The default. */
    public static final DeploymentConfig ONE_AT_A_TIME =
            new DeploymentConfig("OneAtATime", new MinimumHealthyHosts(MinimumHealthyHosts.HOST_COUNT, 0));
    /** Up to half the hosts at a time; at least half (rounded up) must succeed. */
    public static final DeploymentConfig HALF_AT_A_TIME =
            new DeploymentConfig("HalfAtATime", new MinimumHealthyHosts(MinimumHealthyHosts.FLEET_PERCENT, 50));
    /** Every host at once; one success is enough. */
    public static final DeploymentConfig ALL_AT_ONCE =
            new DeploymentConfig("AllAtOnce", new MinimumHealthyHosts(MinimumHealthyHosts.HOST_COUNT, 0));

    /**
     * A configuration by name ({@code CodeDeployDefault.} prefix allowed), or a custom one from a minimum.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static DeploymentConfig of(@Nullable String name, @Nullable String minimumHealthy) {
        if (minimumHealthy != null && !minimumHealthy.isBlank()) {
            return new DeploymentConfig("Custom", MinimumHealthyHosts.parse(minimumHealthy));
        }
        String n = name == null || name.isBlank() ? "OneAtATime" : name.replaceFirst("^CodeDeployDefault\\.", "");
        switch (n) {
            case "OneAtATime" -> {
                return ONE_AT_A_TIME;
            }
            case "HalfAtATime" -> {
                return HALF_AT_A_TIME;
            }
            case "AllAtOnce" -> {
                return ALL_AT_ONCE;
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown deployment configuration '" + name + "': use OneAtATime, HalfAtATime or AllAtOnce,"
                                + " or set a minimum of healthy hosts (N or N%)");
        }
    }

    /** The fewest hosts that must stay healthy in a fleet of {@code hosts}. */
    public int minimumHealthy(int hosts) {
        return "OneAtATime".equals(name) ? Math.max(0, hosts - 1) : minimumHealthyHosts.of(hosts);
    }

    @Override
    public String toString() {
        return "Custom".equals(name) ? "minimum " + minimumHealthyHosts + " healthy" : name;
    }
}
