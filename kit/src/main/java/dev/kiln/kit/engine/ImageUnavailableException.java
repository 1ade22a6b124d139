package dev.kiln.kit.engine;

import dev.kiln.kit.KitException;
import org.jspecify.annotations.Nullable;

/** The build image is not on the engine and could not be pulled or built. */
public final class ImageUnavailableException extends KitException {
    private static final long serialVersionUID = 1L;

    /** An exception saying which image and why. */
    public ImageUnavailableException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }

    @Override
    public String statusCode() {
        return "BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE";
    }
}
