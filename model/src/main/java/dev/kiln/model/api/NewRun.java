package dev.kiln.model.api;

/**
 * A run started by hand.
 *
 * @param pipeline the pipeline
 * @param ref the branch, tag or commit to run, or null for the pipeline's branch head
 */
public record NewRun(String pipeline, String ref) {}
