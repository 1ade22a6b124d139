package dev.kiln.model.api;

/**
 * A request to retry a failed stage.
 *
 * @param stage the stage
 * @param allActions retry every action of it, not only the failed ones
 */
public record RetryStage(String stage, boolean allActions) {}
