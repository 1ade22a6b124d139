package dev.kiln.agent.cache;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.StoredObject;
import dev.kiln.model.job.JobObjects;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Build caches kept in an {@link ArtifactStore}, so agents that share a store share their caches. An entry is
 * {@code caches/<namespace>/<entry>/}: one tar per cached directory, then {@code manifest.json} naming them with
 * their SHA-256, written last. A project's unkeyed cache (entry {@code paths}) is replaced by each build; a keyed
 * entry ({@code key-<key>}) is immutable once its manifest exists. Parts are verified before anything is restored;
 * an entry that fails is deleted. {@link #evict} removes half-written entries, entries unused for the policy's age,
 * then the least recently used while the store holds more than the policy's size. Thread-safe.
 */
public final class BuildCache {
    static final String ROOT = "caches/";
    private static final String MANIFEST = "manifest.json";
    private static final String USED = "used";
    private static final String UNKEYED = "paths";
    private static final String KEYED = "key-";
    private static final Duration HALF_WRITTEN_AFTER = Duration.ofHours(1);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;
    private final CachePolicy policy;
    private final Clock clock;

    /** A cache in {@code store}, evicted by {@code policy}. */
    public BuildCache(ArtifactStore store, CachePolicy policy, Clock clock) {
        this.store = store;
        this.policy = policy;
        this.clock = clock;
    }

    /** The policy entries are evicted by. */
    public CachePolicy policy() {
        return policy;
    }

    /**
     * An entry that can be restored.
     *
     * @param entry the entry's key prefix in the store ({@code caches/ns/key-x/})
     * @param manifest what it holds
     */
    public record Found(String entry, CacheManifest manifest) {}

    /**
     * The project's unkeyed entry, or the entry saved under {@code key}, or else the newest entry whose key starts
     * with the first fallback prefix that matches any.
     */
    public Optional<Found> find(String namespace, Optional<String> key, List<String> fallbackPrefixes) {
        if (key.isEmpty()) {
            return manifest(entry(namespace, Optional.empty()));
        }
        Optional<Found> exact = manifest(entry(namespace, key));
        if (exact.isPresent() || fallbackPrefixes.isEmpty()) {
            return exact;
        }
        List<String> keys = keys(namespace);
        for (String prefix : fallbackPrefixes) {
            Optional<Found> newest = keys.stream()
                    .filter(k -> k.startsWith(prefix))
                    .map(k -> manifest(entry(namespace, Optional.of(k))))
                    .flatMap(Optional::stream)
                    .max(Comparator.comparing(f -> f.manifest().created()));
            if (newest.isPresent()) {
                return newest;
            }
        }
        return Optional.empty();
    }

    private List<String> keys(String namespace) {
        String base = ROOT + safe(namespace) + "/" + KEYED;
        List<String> keys = new ArrayList<>();
        for (StoredObject object : store.list(base)) {
            String rest = object.key().substring(base.length());
            if (rest.endsWith("/" + MANIFEST) && rest.indexOf('/') == rest.length() - MANIFEST.length() - 1) {
                keys.add(CacheKeys.decode(rest.substring(0, rest.indexOf('/'))));
            }
        }
        return keys;
    }

    private Optional<Found> manifest(String entry) {
        if (store.list(entry + MANIFEST).stream().noneMatch(o -> o.key().equals(entry + MANIFEST))) {
            return Optional.empty();
        }
        try (InputStream in = store.get(entry + MANIFEST)) {
            return Optional.of(new Found(entry, JSON.readValue(in, CacheManifest.class)));
        } catch (IOException e) {
            discard(entry);
            return Optional.empty();
        }
    }

    /**
     * Downloads the parts for {@code paths} into {@code directory}, checking each against the manifest, and marks
     * the entry used.
     *
     * @return each cached path's tar file
     * @throws CorruptCacheEntryException when a part is missing or does not match; the entry has been deleted
     */
    public Map<String, Path> download(Found found, Collection<String> paths, Path directory)
            throws CorruptCacheEntryException {
        Map<String, Path> out = new LinkedHashMap<>();
        for (String path : paths) {
            Optional<CacheManifest.Part> part = found.manifest().part(path);
            if (part.isEmpty()) {
                continue;
            }
            Path file = directory.resolve(part.get().object());
            try (InputStream in = store.get(found.entry() + part.get().object())) {
                Written written = write(in, file);
                if (written.size() != part.get().size()
                        || !written.sha256().equals(part.get().sha256())) {
                    throw new IOException("checksum mismatch");
                }
            } catch (IOException | RuntimeException e) {
                discard(found.entry());
                throw new CorruptCacheEntryException(describe(found) + " (" + path + ": " + e.getMessage() + ")");
            }
            out.put(path, file);
        }
        try {
            Path marker = Files.createTempFile(directory, "used", "");
            store.put(found.entry() + USED, marker);
        } catch (IOException | RuntimeException e) {
            // marking use only orders eviction; the restore stands
        }
        return out;
    }

    /** A human name for an entry. */
    public static String describe(Found found) {
        return found.manifest().optionalKey().map(k -> "key " + k).orElse("the project's cache");
    }

    /** Whether a keyed entry exists (and so would not be replaced). */
    public boolean exists(String namespace, String key) {
        return manifest(entry(namespace, Optional.of(key))).isPresent();
    }

    /**
     * Saves an entry. A keyed entry that exists is left as it is.
     *
     * @param parts each cached path's tar file
     * @return the saved manifest, or empty when a keyed entry already existed
     */
    public Optional<CacheManifest> save(String namespace, Optional<String> key, Map<String, Path> parts)
            throws IOException {
        String entry = entry(namespace, key);
        if (key.isPresent() && manifest(entry).isPresent()) {
            return Optional.empty();
        }
        String generation = HexFormat.of().formatHex(bytes(6));
        List<CacheManifest.Part> written = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, Path> part : parts.entrySet()) {
            String object = generation + "-" + i++ + ".tar";
            Written w = digest(part.getValue());
            store.put(entry + object, part.getValue());
            written.add(new CacheManifest.Part(part.getKey(), object, w.size(), w.sha256()));
        }
        CacheManifest manifest = new CacheManifest(key.orElse(null), clock.millis(), written);
        Path json = Files.createTempFile("kiln-cache-", ".json");
        try {
            Files.write(json, JSON.writeValueAsBytes(manifest));
            store.put(entry + MANIFEST, json);
        } finally {
            Files.deleteIfExists(json);
        }
        for (StoredObject old : store.list(entry)) {
            String name = old.key().substring(entry.length());
            if (name.endsWith(".tar") && !name.startsWith(generation + "-")) {
                store.delete(old.key());
            }
        }
        return Optional.of(manifest);
    }

    /**
     * What an eviction removed.
     *
     * @param entries how many entries
     * @param bytes their size
     * @param kept how many entries remain
     * @param keptBytes their size
     */
    public record Eviction(int entries, long bytes, int kept, long keptBytes) {}

    /** Applies the policy to the whole store. */
    public Eviction evict() {
        return evict("");
    }

    /**
     * Applies the policy to the entries of one scope (an orchestrator's repository, whose jobs may touch no other's),
     * or to the whole store for the empty scope.
     */
    public Eviction evict(String scope) {
        String within = scope.isEmpty() ? ROOT : ROOT + CacheKeys.encode(JobObjects.cacheNamespace(scope, ""));
        Map<String, EntryState> entries = new LinkedHashMap<>();
        for (StoredObject object : store.list(within)) {
            String rest = object.key().substring(ROOT.length());
            String[] parts = rest.split("/", 3);
            if (parts.length < 3) {
                continue;
            }
            String entry = ROOT + parts[0] + "/" + parts[1] + "/";
            entries.computeIfAbsent(entry, EntryState::new).add(object, parts[2]);
        }
        Instant now = clock.instant();
        List<EntryState> live = new ArrayList<>();
        int evicted = 0;
        long evictedBytes = 0;
        for (EntryState state : entries.values()) {
            boolean halfWritten = !state.complete && state.lastUsed.isBefore(now.minus(HALF_WRITTEN_AFTER));
            boolean stale = state.complete && state.lastUsed.isBefore(now.minus(policy.maxAge()));
            if (halfWritten || stale) {
                discard(state.entry);
                evicted++;
                evictedBytes += state.bytes;
            } else if (state.complete) {
                live.add(state);
            }
        }
        live.sort(Comparator.comparing((EntryState s) -> s.lastUsed));
        long total = live.stream().mapToLong(s -> s.bytes).sum();
        while (total > policy.maxBytes() && !live.isEmpty()) {
            EntryState oldest = live.remove(0);
            discard(oldest.entry);
            total -= oldest.bytes;
            evicted++;
            evictedBytes += oldest.bytes;
        }
        return new Eviction(evicted, evictedBytes, live.size(), total);
    }

    /** Deletes an entry, its manifest first so that no reader starts on it. */
    private void discard(String entry) {
        try {
            store.delete(entry + MANIFEST);
            for (StoredObject object : store.list(entry)) {
                store.delete(object.key());
            }
        } catch (RuntimeException e) {
            // a later eviction removes what is left: without its manifest the entry is never read
        }
    }

    private static final class EntryState {
        final String entry;
        boolean complete;
        long bytes;
        Instant lastUsed = Instant.EPOCH;

        EntryState(String entry) {
            this.entry = entry;
        }

        void add(StoredObject object, String name) {
            bytes += object.size();
            complete |= name.equals(MANIFEST);
            if (object.lastModified().isAfter(lastUsed)) {
                lastUsed = object.lastModified();
            }
        }
    }

    private static String entry(String namespace, Optional<String> key) {
        return ROOT + safe(namespace) + "/"
                + key.map(k -> KEYED + CacheKeys.encode(k)).orElse(UNKEYED) + "/";
    }

    private static String safe(String namespace) {
        return CacheKeys.encode(namespace);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    /**
     * A file written with its digest.
     *
     * @param size bytes
     * @param sha256 hex digest
     */
    public record Written(long size, String sha256) {}

    /** Copies a stream to a file, digesting it on the way. */
    public static Written write(InputStream in, Path file) throws IOException {
        MessageDigest digest = sha256();
        long size;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
            size = in.transferTo(out);
        }
        return new Written(size, HexFormat.of().formatHex(digest.digest()));
    }

    private static Written digest(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[1 << 16];
            long size = 0;
            for (int n; (n = in.read(buffer)) > 0; size += n) {
                digest.update(buffer, 0, n);
            }
            return new Written(size, HexFormat.of().formatHex(digest.digest()));
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    @Override
    public String toString() {
        return store.toString();
    }
}
