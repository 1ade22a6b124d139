package dev.kiln.kit.testing;

import dev.kiln.kit.engine.DockerEngine;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The container engine tests share: found the way Kiln finds it, with the test images in place. Thread-safe. */
public final class TestEngine {
    private static DockerEngine engine;

    private TestEngine() {}

    /** The shared engine; fails the test with the engine's reasons when none answers. */
    public static synchronized DockerEngine shared() {
        if (engine == null) {
            DockerEngine found;
            try {
                found = DockerEngine.discover(System.getenv());
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "tests tagged 'docker' need a container engine: " + DockerEngine.describe(e), e);
            }
            try {
                TestImages.ensure(found.client());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            engine = found;
        }
        return engine;
    }
}
