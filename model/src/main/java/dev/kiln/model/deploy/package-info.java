/**
 * Deployments in CodeDeploy's words: deployment configurations and their health rule
 * ({@link dev.kiln.model.deploy.HealthRule}), the statuses, and the wire records a deploy agent is given
 * ({@link dev.kiln.model.deploy.DeploymentSpec}) and answers with ({@link dev.kiln.model.deploy.DeploymentReport}).
 */
package dev.kiln.model.deploy;
