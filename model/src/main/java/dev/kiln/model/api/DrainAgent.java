package dev.kiln.model.api;

/**
 * Whether an agent takes new jobs.
 *
 * @param drain true: no new jobs; false: take jobs again
 */
public record DrainAgent(boolean drain) {}
