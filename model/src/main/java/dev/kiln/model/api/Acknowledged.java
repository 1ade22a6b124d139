package dev.kiln.model.api;

/**
 * An agent's call taken.
 *
 * @param job the job it was about
 */
public record Acknowledged(String job) {}
