/**
 * The commits runs are made of: a bare mirror of each registered repository (JGit), fetched on a push or a poll,
 * from which the pipeline file is read at the pushed commit and the commit's tree is packed as the run's source
 * artifact.
 */
package dev.kiln.orchestrator.source;
