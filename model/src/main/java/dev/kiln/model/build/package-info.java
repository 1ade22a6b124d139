/**
 * CodeBuild's words for a build's life, shared by agents, the orchestrator and the UI: the eleven
 * {@link dev.kiln.model.build.PhaseType}s in order and the {@link dev.kiln.model.build.StatusType}s a phase or a
 * build ends in. Enum names are the wire values.
 */
package dev.kiln.model.build;
