/**
 * The CodeBuild buildspec (versions 0.1 and 0.2): {@link dev.kiln.model.buildspec.BuildspecParser} lints a file,
 * reporting every problem with its line and key, and compiles it into an immutable
 * {@link dev.kiln.model.buildspec.Buildspec}. Sections that later parts of Kiln execute (batch, reports, cache,
 * secondary artifacts, proxy, runtime versions) are parsed and checked here too.
 */
package dev.kiln.model.buildspec;
