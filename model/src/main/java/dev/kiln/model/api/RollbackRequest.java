package dev.kiln.model.api;

import org.jspecify.annotations.Nullable;

/**
 * A request to roll an environment back.
 *
 * @param to the deployment whose revision to deploy again, or null for the one before the live one
 */
public record RollbackRequest(@Nullable String to) {}
