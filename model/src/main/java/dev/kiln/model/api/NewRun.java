package dev.kiln.model.api;

import org.jspecify.annotations.Nullable;

/**
 * A run started by hand.
 *
 * @param pipeline the pipeline
 * @param ref the branch, tag or commit to run, or null for the pipeline's branch head
 */
public record NewRun(String pipeline, @Nullable String ref) {}
