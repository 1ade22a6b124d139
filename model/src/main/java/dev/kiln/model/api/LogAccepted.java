package dev.kiln.model.api;

/**
 * A log batch taken.
 *
 * @param lines how many lines of the job's log the orchestrator holds now (the next batch starts there)
 */
public record LogAccepted(long lines) {}
