package dev.kiln.agent.cache;

import java.io.IOException;

/** A cache entry failed its checksum and was deleted. */
public final class CorruptCacheEntryException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The exception naming the cached path. */
    public CorruptCacheEntryException(String path) {
        super("the cache entry for " + path + " was corrupt or half-written and has been discarded");
    }
}
