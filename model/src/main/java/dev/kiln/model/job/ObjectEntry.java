package dev.kiln.model.job;

import java.time.Instant;

/**
 * One object of the store, as a job's listing shows it.
 *
 * @param key its full key
 * @param size its size in bytes
 * @param lastModified when it was last written
 */
public record ObjectEntry(String key, long size, Instant lastModified) {}
