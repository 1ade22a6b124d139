package dev.kiln.agent.cache;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a cache entry holds, written after its parts: an entry without a manifest is half-written and never read.
 *
 * @param key the key the entry was saved under; null for a project's unkeyed cache
 * @param createdMillis when it was saved, in milliseconds since the epoch
 * @param parts one tar per cached directory
 */
public record CacheManifest(
        @JsonProperty("key") @Nullable String key,
        @JsonProperty("created") long createdMillis,
        @JsonProperty("parts") List<Part> parts) {

    public CacheManifest {
        parts = List.copyOf(parts);
    }

    /** The key, empty for an unkeyed entry. */
    @JsonIgnore
    public Optional<String> optionalKey() {
        return Optional.ofNullable(key);
    }

    /** When it was saved. */
    @JsonIgnore
    public Instant created() {
        return Instant.ofEpochMilli(createdMillis);
    }

    /** The part for a cached directory, by the path the buildspec writes. */
    public Optional<Part> part(String path) {
        return parts.stream().filter(p -> p.path().equals(path)).findFirst();
    }

    /** The sum of the parts' sizes. */
    @JsonIgnore
    public long size() {
        return parts.stream().mapToLong(Part::size).sum();
    }

    /**
     * One cached directory.
     *
     * @param path the path as the buildspec writes it
     * @param object the tar's name in the entry
     * @param size the tar's size in bytes
     * @param sha256 the tar's SHA-256
     */
    public record Part(
            @JsonProperty("path") String path,
            @JsonProperty("object") String object,
            @JsonProperty("size") long size,
            @JsonProperty("sha256") String sha256) {}
}
