package dev.kiln.kit.store;

import java.time.Instant;

/**
 * One object in a store, as a listing gives it.
 *
 * @param key the key, relative to the store's root or prefix
 * @param size its size in bytes
 * @param lastModified when it was last written
 */
public record StoredObject(String key, long size, Instant lastModified) {}
