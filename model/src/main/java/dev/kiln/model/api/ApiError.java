package dev.kiln.model.api;

/**
 * A refusal's body: what was wrong and what to do next.
 *
 * @param error the message
 */
public record ApiError(String error) {}
