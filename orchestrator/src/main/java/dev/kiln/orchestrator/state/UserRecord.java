package dev.kiln.orchestrator.state;

import java.time.Instant;

/**
 * A user as kept.
 *
 * @param name the login name
 * @param passwordHash the password's stored form, never the password
 * @param role {@code viewer}, {@code operator} or {@code admin}
 * @param createdAt when it was added
 */
public record UserRecord(String name, String passwordHash, String role, Instant createdAt) {
    @Override
    public String toString() {
        return "UserRecord[name=" + name + ", role=" + role + "]";
    }
}
