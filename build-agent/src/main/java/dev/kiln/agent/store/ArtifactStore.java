package dev.kiln.agent.store;

import java.io.InputStream;
import java.nio.file.Path;

/** Keeps files under keys ({@code a/b/name.zip}). Thread-safe. */
public interface ArtifactStore {

    /**
     * Stores a file under a key, replacing what was there; readers never see a partial file.
     *
     * @return the stored file's location, for the Build object ({@code /dir/a/b.zip}, {@code s3://bucket/a/b.zip})
     * @throws StoreException saying what failed
     */
    String put(String key, Path file);

    /** Reads a stored file; the caller closes the stream. */
    InputStream get(String key);

    /** Where a key is, as {@link #put} reports it. */
    String location(String key);
}
