package dev.kiln.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command: the example project built with no --image, so with the default image (built from
 * Debian packages the first time, which takes a minute or two).
 */
@Tag("docker")
class ExampleBuildTest {
    @TempDir
    Path work;

    @Test
    void the_hello_example_builds_tests_and_packages_with_the_default_image() throws IOException {
        Path example =
                Path.of("..", "pipelines-examples", "hello").toAbsolutePath().normalize();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = KilnCli.execute(
                    "build",
                    "--source",
                    example.toString(),
                    "--artifacts",
                    work.toString(),
                    "--project",
                    "hello-example",
                    "--output",
                    "json");
        } finally {
            System.setOut(saved);
        }
        JsonNode build = new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(build.get("buildStatus").asText()).isEqualTo("SUCCEEDED");
        assertThat(build.get("environment").get("image").asText()).isEqualTo("kiln/standard:1");
        String version =
                build.get("exportedEnvironmentVariables").get(0).get("value").asText();
        assertThat(version).matches("1\\.0\\.\\d+");
        Path zip = work.resolve("hello-" + version + ".zip");
        List<String> entries = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                entries.add(e.getName());
            }
        }
        assertThat(entries).containsExactlyInAnyOrder("hello", "VERSION");
        assertThat(build.get("artifacts").get("location").asText()).isEqualTo(zip.toString());
    }
}
