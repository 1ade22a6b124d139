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

    /**
     * Reads a stored file from byte {@code offset} on; the caller closes the stream. Stores that can read a range
     * read only from there; by default the bytes before it are read and skipped.
     */
    default InputStream get(String key, long offset) {
        InputStream in = get(key);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (java.io.IOException e) {
            try {
                in.close();
            } catch (java.io.IOException closing) {
                e.addSuppressed(closing);
            }
            throw new StoreException(
                    "cannot read " + location(key) + " from byte " + offset + ": " + e.getMessage(), e);
        }
    }

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
