/**
 * Build artifacts: selecting files with CodeBuild's glob forms ({@code **}{@code /*}, {@code dir/*},
 * {@code dir/**}{@code /*}, plain paths), base directories, exclusions and discarded paths, and packaging them as a
 * ZIP with its checksums. Files are read out of the build environment as a tar stream, so this works the same for
 * every backend.
 */
package dev.kiln.agent.artifact;
