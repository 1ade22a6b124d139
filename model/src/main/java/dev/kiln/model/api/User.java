package dev.kiln.model.api;

import java.time.Instant;

/**
 * A user.
 *
 * @param name their name
 * @param role what they may do
 * @param createdAt when they were added
 */
public record User(String name, Role role, Instant createdAt) {}
