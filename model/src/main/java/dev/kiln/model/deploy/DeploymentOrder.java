package dev.kiln.model.deploy;

/**
 * What the orchestrator answers a deploy agent that starts a leased deploy job: the deployment, and where its
 * revision is.
 *
 * @param spec the deployment
 * @param revisionKey the key of the revision's zip in the object store (shown in the log)
 * @param revisionUrl a URL that reads that zip, signed for this deployment only and valid for a short time
 */
public record DeploymentOrder(DeploymentSpec spec, String revisionKey, String revisionUrl) {
    @Override
    public String toString() {
        return "DeploymentOrder[spec=" + spec + ", revisionKey=" + revisionKey + "]";
    }
}
