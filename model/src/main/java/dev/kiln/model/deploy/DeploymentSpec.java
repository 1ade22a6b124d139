package dev.kiln.model.deploy;

import dev.kiln.model.api.DeploymentCreator;
import org.jspecify.annotations.Nullable;

/**
 * One deployment, as a deploy agent is given it.
 *
 * @param deploymentId the deployment ({@code d-...})
 * @param applicationName the pipeline (CodeDeploy's application)
 * @param environment the environment (CodeDeploy's deployment group)
 * @param environmentId the environment's id, stable across renames
 * @param commit the commit the revision was built from, or empty
 * @param creator who made it
 * @param config how hosts are taken
 * @param ssh the SSH target, or null for a container environment
 * @param container the container target, or null for an SSH environment
 * @param reuseRelease for a rollback: the deployment whose release hosts keep and may reinstall without upload, or
 *     empty
 */
public record DeploymentSpec(
        String deploymentId,
        String applicationName,
        String environment,
        String environmentId,
        String commit,
        DeploymentCreator creator,
        DeploymentConfig config,
        @Nullable SshTarget ssh,
        @Nullable ContainerTarget container,
        String reuseRelease) {

    public DeploymentSpec {
        commit = commit == null ? "" : commit;
        reuseRelease = reuseRelease == null ? "" : reuseRelease;
        if ((ssh == null) == (container == null)) {
            throw new IllegalArgumentException("a deployment goes either to SSH hosts or to a container engine");
        }
    }

    /**
     * The SSH hosts of an SSH deployment.
     *
     * @throws IllegalStateException when this one deploys a container
     */
    public SshTarget sshTarget() {
        if (ssh == null) {
            throw new IllegalStateException("deployment " + deploymentId + " has no SSH hosts: it deploys a container");
        }
        return ssh;
    }

    /**
     * The engine and container of a container deployment.
     *
     * @throws IllegalStateException when this one deploys to SSH hosts
     */
    public ContainerTarget containerTarget() {
        if (container == null) {
            throw new IllegalStateException("deployment " + deploymentId + " has no container: it deploys to hosts");
        }
        return container;
    }
}
