package dev.kiln.model.job;

import java.time.Instant;

/**
 * A URL that does one operation on one object, signed by the orchestrator for the job that asked.
 *
 * @param url the URL (its query holds the signature: never log it)
 * @param location the object's location as builds report it ({@code s3://bucket/key})
 * @param expiresAt when the URL stops working
 */
public record ObjectGrant(String url, String location, Instant expiresAt) {
    @Override
    public String toString() {
        return "ObjectGrant[location=" + location + ", expiresAt=" + expiresAt + "]";
    }
}
