package dev.kiln.agent.remote;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.StoredObject;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** A job's artifacts under its own prefix, remembering each key it stored by the location it reported. */
final class CapturingStore implements ArtifactStore {
    private final ArtifactStore store;
    private final String prefix;
    private final Map<String, String> keys = new ConcurrentHashMap<>();

    CapturingStore(ArtifactStore store, String prefix) {
        this.store = store;
        this.prefix = prefix.replaceAll("/+$", "");
    }

    /** The full key of what was stored at a location. */
    Optional<String> keyOf(String location) {
        return Optional.ofNullable(keys.get(location));
    }

    @Override
    public String put(String key, Path file) {
        String full = prefix + "/" + key;
        String location = store.put(full, file);
        keys.put(location, full);
        return location;
    }

    @Override
    public InputStream get(String key) {
        return store.get(prefix + "/" + key);
    }

    @Override
    public String location(String key) {
        return store.location(prefix + "/" + key);
    }

    @Override
    public List<StoredObject> list(String keyPrefix) {
        return store.list(prefix + "/" + keyPrefix);
    }

    @Override
    public void delete(String key) {
        store.delete(prefix + "/" + key);
    }
}
