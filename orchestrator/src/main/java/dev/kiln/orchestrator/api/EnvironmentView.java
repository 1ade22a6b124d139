package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.deploy.EnvironmentSettings;
import dev.kiln.orchestrator.deploy.Environments;
import dev.kiln.orchestrator.state.EnvironmentRecord;
import java.time.Instant;
import java.util.List;

/**
 * An environment as the API shows it: its settings (never its key), what runs there now and its recent history.
 *
 * @param name its name
 * @param id its id
 * @param settings its settings
 * @param createdAt when it was added
 * @param current the last deployment that succeeded there (the live revision), or null
 * @param deployments its recent deployments, newest first (in {@code show} only)
 */
record EnvironmentView(
        String name,
        String id,
        EnvironmentSettings settings,
        Instant createdAt,
        DeploymentView current,
        List<DeploymentView> deployments) {

    static EnvironmentView of(EnvironmentRecord e, DeploymentView current, List<DeploymentView> deployments) {
        return new EnvironmentView(
                e.name(), e.id(), Environments.settings(e), e.createdAt(), current, List.copyOf(deployments));
    }
}
