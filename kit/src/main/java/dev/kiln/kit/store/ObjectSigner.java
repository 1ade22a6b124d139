package dev.kiln.kit.store;

import dev.kiln.model.job.ObjectOperation;
import java.time.Duration;

/** Signs URLs that do one operation on one object for a short time, so that whoever holds one needs no keys. */
public interface ObjectSigner {

    /**
     * A URL that does {@code operation} on the object {@code key} until {@code validFor} has passed.
     *
     * @throws StoreException when the store cannot be reached to prepare it
     */
    String sign(ObjectOperation operation, String key, Duration validFor);
}
