/**
 * Where a build's source comes from: a {@link dev.kiln.agent.source.Source} is a local directory or a git
 * repository (https, ssh, {@code file://} or a local path) at a version, fetched during DOWNLOAD_SOURCE by a
 * {@link dev.kiln.agent.source.SourceFetcher} ({@link dev.kiln.agent.source.GitSourceFetcher} uses JGit).
 */
package dev.kiln.agent.source;
