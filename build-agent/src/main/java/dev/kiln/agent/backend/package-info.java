/**
 * The execution backend SPI: where a build's commands run. {@link dev.kiln.agent.backend.ExecutionBackend} gives a
 * fresh {@link dev.kiln.agent.backend.BuildEnvironment} per build (a container, or host processes), into which the
 * engine copies the source and in which it runs commands through the shared shell driver. The engine depends on
 * these interfaces only; {@link dev.kiln.agent.backend.Backends} picks an implementation.
 */
package dev.kiln.agent.backend;
