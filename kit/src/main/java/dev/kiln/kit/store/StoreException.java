package dev.kiln.kit.store;

import dev.kiln.kit.KitException;
import org.jspecify.annotations.Nullable;

/** The artifact store failed: unreachable, refused the credentials, or could not write. Kiln's failure (FAULT). */
public final class StoreException extends KitException {
    private static final long serialVersionUID = 1L;

    /** The exception saying which store and what it answered. */
    public StoreException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public String statusCode() {
        return "ARTIFACT_STORE_ERROR";
    }
}
