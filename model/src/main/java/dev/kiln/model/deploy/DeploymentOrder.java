package dev.kiln.model.deploy;

/**
 * What the orchestrator answers a deploy agent that starts a leased deploy job: the deployment, and where its
 * revision is.
 *
 * @param spec the deployment
 * @param revisionKey the key of the revision's zip in the object store
 */
public record DeploymentOrder(DeploymentSpec spec, String revisionKey) {}
