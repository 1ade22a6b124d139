/**
 * CodeDeploy's {@code appspec.yml} for servers (version 0.0): its parser and linter
 * ({@link dev.kiln.model.appspec.AppSpecParser}), the immutable plan it compiles into
 * ({@link dev.kiln.model.appspec.AppSpec}) and the in-place lifecycle events in CodeDeploy's order.
 */
package dev.kiln.model.appspec;
