package dev.kiln.orchestrator.run;

/**
 * An action ready to be handed to an agent.
 *
 * @param runId the run
 * @param stage its stage
 * @param action its name
 * @param attempt 1 for the first time, more after retries
 */
public record Dispatch(String runId, String stage, String action, int attempt) {}
