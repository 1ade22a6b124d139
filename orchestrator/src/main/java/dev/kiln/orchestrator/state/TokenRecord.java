package dev.kiln.orchestrator.state;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as kept: never the token itself.
 *
 * @param name what it is for ({@code admin}, {@code ci}, or the user's name for a login)
 * @param hash the token's SHA-256, hex
 * @param role {@code viewer}, {@code operator} or {@code admin}
 * @param user the user it was made for at login, if any
 * @param expiresAt when it stops being valid, if ever
 */
public record TokenRecord(String name, String hash, String role, Optional<String> user, Optional<Instant> expiresAt) {}
