package dev.kiln.orchestrator.state;

import java.time.Instant;

/**
 * An environment as stored.
 *
 * @param name its name, as deploy actions write it
 * @param id a stable id (CodeDeploy's deployment group id)
 * @param settings its settings, JSON
 * @param encryptedKey its private key, encrypted with the server's key
 * @param createdAt when it was added
 */
public record EnvironmentRecord(String name, String id, String settings, String encryptedKey, Instant createdAt) {
    @Override
    public String toString() {
        return "EnvironmentRecord[" + name + "]";
    }
}
