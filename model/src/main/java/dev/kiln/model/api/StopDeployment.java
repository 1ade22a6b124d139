package dev.kiln.model.api;

/**
 * A request to stop a deployment.
 *
 * @param rollback whether to roll back to the last successful revision
 */
public record StopDeployment(boolean rollback) {}
