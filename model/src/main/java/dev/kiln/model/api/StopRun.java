package dev.kiln.model.api;

import org.jspecify.annotations.Nullable;

/**
 * A request to stop a run.
 *
 * @param abandon stop at once, without waiting for what runs
 * @param reason why, for the run's history
 */
public record StopRun(boolean abandon, @Nullable String reason) {}
