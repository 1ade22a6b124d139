package dev.kiln.orchestrator.state;

import java.time.Instant;
import java.util.Optional;

/**
 * An API token as kept: never the token itself.
 *
 * @param name what it is for ({@code admin}, {@code ci}, an agent token's name, or the user's name for a login)
 * @param hash the token's SHA-256, hex
 * @param role {@code viewer}, {@code operator}, {@code admin} or {@code agent}
 * @param user the user it was made for at login, if any
 * @param expiresAt when it stops being valid, if ever
 * @param grant for an agent token, what its agents may be
 * @param createdAt when it was made (empty before it is kept)
 */
public record TokenRecord(
        String name,
        String hash,
        String role,
        Optional<String> user,
        Optional<Instant> expiresAt,
        Optional<AgentGrant> grant,
        Optional<Instant> createdAt) {

    /** A token that is not an agent token's, not yet kept. */
    public TokenRecord(String name, String hash, String role, Optional<String> user, Optional<Instant> expiresAt) {
        this(name, hash, role, user, expiresAt, Optional.empty(), Optional.empty());
    }
}
