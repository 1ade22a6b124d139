/**
 * Environments (CodeDeploy's deployment groups) as the orchestrator keeps them: their settings, their private keys
 * encrypted at rest ({@link dev.kiln.orchestrator.deploy.SecretBox}), and what a deploy agent is told of them.
 */
package dev.kiln.orchestrator.deploy;
