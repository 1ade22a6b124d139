package dev.kiln.model.api;

/**
 * The orchestrator's health.
 *
 * @param status whether it serves
 */
public record Health(HealthStatus status) {}
