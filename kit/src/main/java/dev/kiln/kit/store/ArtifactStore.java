package dev.kiln.kit.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * The objects whose keys start with {@code prefix}, in no particular order.
     *
     * @throws StoreException saying what failed
     */
    List<StoredObject> list(String prefix);

    /** Deletes an object; deleting one that is not there is not an error. */
    void delete(String key);
}
