package dev.kiln.model.api;

/**
 * A request for a token for agents.
 *
 * @param name its name
 */
public record NewAgentToken(String name) {}
