/**
 * A whole deployment over an environment's hosts: batches as the deployment configuration's health rule allows,
 * hosts of a batch in parallel, and the deployment's status and error code in CodeDeploy's words.
 */
package dev.kiln.deploy.fleet;
