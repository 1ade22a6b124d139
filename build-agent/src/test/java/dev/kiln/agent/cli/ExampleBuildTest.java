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

    /**
     * The web example as a user runs it: Jest and its 270 packages from the npm registry, on runtime-versions nodejs,
     * its real JUnit and Cobertura output read into reports, node_modules restored from the cache the second time.
     * Certificates this machine added locally are passed on, for a TLS-inspecting proxy on the way to the registry.
     */
    @Test
    void the_web_example_runs_jest_from_npm_and_reads_its_reports_then_builds_warm() throws IOException {
        Path example =
                Path.of("..", "pipelines-examples", "web").toAbsolutePath().normalize();
        List<String> args = new ArrayList<>(List.of(
                "build",
                "--source",
                example.toString(),
                "--cache",
                work.resolve("cache").toString(),
                "--reports",
                work.resolve("reports").toString(),
                "--project",
                "web-example",
                "--output",
                "json"));
        Path added = Path.of("/usr/local/share/ca-certificates");
        if (Files.isDirectory(added)) {
            try (var files = Files.list(added)) {
                files.filter(f -> f.toString().endsWith(".crt"))
                        .forEach(f -> args.addAll(List.of("--certificate", f.toString())));
            }
        }
        JsonNode cold = run(args);
        JsonNode warm = run(args);

        for (JsonNode build : List.of(cold, warm)) {
            assertThat(build.get("buildStatus").asText()).isEqualTo("SUCCEEDED");
            JsonNode tests = build.get("reports").get(0);
            assertThat(tests.get("fileFormat").asText()).isEqualTo("JUNITXML");
            assertThat(tests.get("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(tests.get("testSummary").get("total").asInt()).isEqualTo(3);
            JsonNode coverage = build.get("reports").get(1);
            assertThat(coverage.get("type").asText()).isEqualTo("CODE_COVERAGE");
            assertThat(coverage.get("codeCoverages").get(0).get("filePath").asText())
                    .isEqualTo("src/prices.js");
            assertThat(coverage.get("codeCoverageSummary").get("linesCovered").asInt())
                    .isEqualTo(4);
        }
        assertThat(work.resolve("reports/coverage.json")).exists();
    }

    private JsonNode run(List<String> args) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            exit = KilnCli.execute(args.toArray(String[]::new));
        } finally {
            System.setOut(saved);
        }
        assertThat(exit).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return new ObjectMapper().readTree(out.toString(StandardCharsets.UTF_8));
    }
}
