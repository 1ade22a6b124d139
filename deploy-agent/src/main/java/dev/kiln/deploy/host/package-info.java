/**
 * One deployment on one host: its layout under the environment's root ({@code releases/<id>}, {@code current},
 * the last successful release), the lifecycle events in CodeDeploy's order, hook scripts with their timeouts and
 * users, the Install step and the health check.
 */
package dev.kiln.deploy.host;
