package dev.kiln.orchestrator.state;

import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;

/** Environments and deployments, kept. Call it from the Vert.x context it was opened on. */
public interface DeploymentStore {
    /** Adds an environment; fails with {@link DuplicateEnvironmentException} when the name is taken. */
    Future<Void> addEnvironment(EnvironmentRecord environment);

    /** Replaces an environment's settings (host keys learned). */
    Future<Void> updateEnvironment(EnvironmentRecord environment);

    /** Every environment, by name. */
    Future<List<EnvironmentRecord>> environments();

    /** One environment. */
    Future<Optional<EnvironmentRecord>> environment(String name);

    /** Removes an environment; its deployments stay. */
    Future<Boolean> removeEnvironment(String name);

    /** Saves a deployment, new or changed. */
    Future<Void> saveDeployment(DeploymentRecord deployment);

    /** One deployment. */
    Future<Optional<DeploymentRecord>> deployment(String id);

    /** An environment's deployments (all when empty), newest first, at most {@code limit}. */
    Future<List<DeploymentRecord>> deployments(String environment, int limit);

    /** The newest deployment of an environment that succeeded, if any. */
    Future<Optional<DeploymentRecord>> lastSuccessful(String environment);

    /** Deployments that had not ended when the orchestrator stopped. */
    Future<List<DeploymentRecord>> unfinished();
}
