package dev.kiln.agent.testing;

import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.backend.docker.DockerBackend;
import dev.kiln.kit.testing.TestImages;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The container backend tests share: found the way {@code kiln build} finds it, with the test images in place. */
public final class Engines {
    private static DockerBackend docker;

    private Engines() {}

    /** The shared Docker backend; fails the test with the engine's reasons when none answers. */
    public static synchronized DockerBackend docker() {
        if (docker == null) {
            DockerBackend backend = new DockerBackend(System.getenv(), new DefaultImage());
            var availability = backend.probe();
            if (!availability.available()) {
                throw new IllegalStateException(
                        "tests tagged 'docker' need a container engine: " + availability.description());
            }
            try {
                TestImages.ensure(backend.engine().client());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            docker = backend;
        }
        return docker;
    }
}
