package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * runtime-versions on Kiln's real default image (built from Debian packages when missing): the runtime is installed
 * into a derived image once, then reused.
 */
@Tag("docker")
class RuntimeVersionsBuildTest {
    private static final String PYTHON = """
            version: 0.2
            phases:
              install:
                runtime-versions:
                  python: 3.x
              build:
                commands:
                  - python3 -m venv /tmp/venv && /tmp/venv/bin/pip --version | cut -d' ' -f1
            """;

    @TempDir
    Path work;

    @Test
    void a_runtime_is_installed_once_into_a_derived_image_then_reused() throws Exception {
        var first = new TestBuild(Engines.docker(), work.resolve("a"))
                .image(DefaultImage.REFERENCE)
                .buildspec(PYTHON)
                .run();
        var second = new TestBuild(Engines.docker(), work.resolve("b"))
                .image(DefaultImage.REFERENCE)
                .buildspec(PYTHON)
                .run();

        assertThat(first.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(first.output()).containsExactly("pip"); // venv and pip come with the runtime, not the image
        assertThat(first.text())
                .containsPattern("Runtimes python 3.11: image kiln/standard:1-rt-[0-9a-f]{12} \\((installed now|"
                        + "installed earlier)")
                .contains("Runtime versions: python 3.11 (python3 python3-pip python3-venv)");
        assertThat(second.text()).containsPattern("Runtimes python 3.11: image .* \\(installed earlier\\)");
        assertThat(second.output()).containsExactly("pip");
    }

    @Test
    void an_unknown_runtime_fails_install_listing_what_is_available_and_custom_images_skip() throws Exception {
        var unknown = new TestBuild(Engines.docker(), work.resolve("a"))
                .image(DefaultImage.REFERENCE)
                .buildspec("""
                        version: 0.2
                        phases:
                          install:
                            runtime-versions:
                              java: 21
                          build:
                            commands:
                              - echo never
                        """)
                .run();
        var custom = new TestBuild(Engines.docker(), work.resolve("b"))
                .buildspec("""
                        version: 0.2
                        phases:
                          install:
                            runtime-versions:
                              java: 17
                          build:
                            commands:
                              - echo ran
                        """)
                .run();

        assertThat(unknown.build().buildStatus()).isEqualTo(StatusType.FAILED);
        var install = unknown.phase(PhaseType.INSTALL).orElseThrow();
        assertThat(install.phaseStatus()).isEqualTo(StatusType.FAILED);
        assertThat(install.contexts().get(0).statusCode()).isEqualTo("CLIENT_ERROR");
        assertThat(install.contexts().get(0).message())
                .startsWith("runtime java 21 is not available on this image; available: ")
                .contains("java 17");
        assertThat(unknown.output()).isEmpty();
        assertThat(custom.output()).containsExactly("ran");
        assertThat(custom.text()).contains("Skipping install of runtimes. Runtime version selection is not supported");
    }

    @Test
    void a_buildspec_read_from_the_source_moves_the_build_to_the_runtime_image_before_the_source_is_copied()
            throws Exception {
        Path archive = work.resolve("app.zip");
        try (var out = new java.util.zip.ZipOutputStream(java.nio.file.Files.newOutputStream(archive))) {
            out.putNextEntry(new java.util.zip.ZipEntry("buildspec.yml"));
            out.write(PYTHON.replace("- python3", "- cat marker.txt && python3").getBytes());
            out.putNextEntry(new java.util.zip.ZipEntry("marker.txt"));
            out.write("copied into the runtime image\n".getBytes());
        }
        var result = new TestBuild(Engines.docker(), work.resolve("z"))
                .image(DefaultImage.REFERENCE)
                .primary(new dev.kiln.agent.source.Source.Zip(archive.toString()))
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("copied into the runtime image", "pip");
        assertThat(result.text()).containsPattern("Running on Kiln, container \\w+ from image kiln/standard:1-rt-");
    }
}
