package dev.kiln.model.deploy;

/**
 * One deployment, as a deploy agent is given it.
 *
 * @param deploymentId the deployment ({@code d-...})
 * @param applicationName the pipeline (CodeDeploy's application)
 * @param environment the environment (CodeDeploy's deployment group)
 * @param environmentId the environment's id, stable across renames
 * @param commit the commit the revision was built from, or empty
 * @param creator {@code user}, {@code pipeline} or {@code rollback}
 * @param config how hosts are taken
 * @param ssh the SSH target
 * @param reuseRelease for a rollback: the deployment whose release hosts keep and may reinstall without upload, or
 *     empty
 */
public record DeploymentSpec(
        String deploymentId,
        String applicationName,
        String environment,
        String environmentId,
        String commit,
        String creator,
        DeploymentConfig config,
        SshTarget ssh,
        String reuseRelease) {

    public DeploymentSpec {
        commit = commit == null ? "" : commit;
        reuseRelease = reuseRelease == null ? "" : reuseRelease;
    }
}
