/**
 * The deploy agent: ships revisions to environments CodeDeploy's way. {@link dev.kiln.deploy.DeployException} is the
 * module's exception root; {@link dev.kiln.deploy.DeployLog} is where a deployment writes what it does.
 */
package dev.kiln.deploy;
