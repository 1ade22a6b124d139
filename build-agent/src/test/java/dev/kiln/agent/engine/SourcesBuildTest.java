package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kiln.agent.source.Source;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.agent.testing.TestRepositories;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip, NO_SOURCE and secondary sources in real builds; archives served over http on loopback. */
@Tag("docker")
class SourcesBuildTest {
    @TempDir
    Path work;

    private Path zip(String name, Map<String, String> entries) throws Exception {
        Path file = work.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file))) {
            for (var entry : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(entry.getKey()));
                out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    private String bareRepository(String file, String content) throws Exception {
        return TestRepositories.bare(work.resolve("repo.git"), file, content)
                .toUri()
                .toString();
    }

    @Test
    void secondary_sources_land_at_their_own_directories() throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib"));
        Files.writeString(lib.resolve("lib.txt"), "from a directory\n");
        String repo = bareRepository("tool.txt", "from git\n");
        Path assets = zip("assets.zip", Map.of("img/logo.txt", "from a zip\n"));

        var result = new TestBuild(Engines.docker(), work.resolve("app"))
                .secondary("lib", new Source.LocalDirectory(lib))
                .secondary("tool", new Source.Git(repo, Optional.of("v1"), Optional.empty(), false))
                .secondary("assets", new Source.Zip(assets.toString()))
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - cat $CODEBUILD_SRC_DIR_lib/lib.txt $CODEBUILD_SRC_DIR_tool/tool.txt
                              - cat $CODEBUILD_SRC_DIR_assets/img/logo.txt
                              - test "$(dirname $CODEBUILD_SRC_DIR_lib)" != "$CODEBUILD_SRC_DIR" && echo apart
                        """)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("from a directory", "from git", "from a zip", "apart");
        assertThat(result.text()).containsPattern("Secondary source tool " + repo + " at commit [0-9a-f]{40} is in ");
    }

    @Test
    void a_zip_archive_over_http_is_the_source_and_holds_the_buildspec() throws Exception {
        byte[] archive = Files.readAllBytes(zip(
                "app.zip",
                Map.of(
                        "buildspec.yml",
                        "version: 0.2\nphases:\n  build:\n    commands:\n      - cat app/main.txt\n"
                                + "      - ls ../evil.txt 2>/dev/null || echo no-escape\n",
                        "app/main.txt",
                        "zipped source\n",
                        "../evil.txt",
                        "outside")));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/app.zip", exchange -> {
            exchange.sendResponseHeaders(200, archive.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(archive);
            }
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            var ok = new TestBuild(Engines.docker(), work.resolve("a"))
                    .primary(new Source.Zip(base + "/app.zip"))
                    .run();
            var missing = new TestBuild(Engines.docker(), work.resolve("b"))
                    .primary(new Source.Zip(base + "/gone.zip"))
                    .run();

            assertThat(ok.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
            assertThat(ok.output()).containsExactly("zipped source", "no-escape");
            assertThat(missing.build().buildStatus()).isEqualTo(StatusType.FAILED);
            var phase = missing.phase(PhaseType.DOWNLOAD_SOURCE).orElseThrow();
            assertThat(phase.contexts().get(0).statusCode()).isEqualTo("CLIENT_ERROR");
            assertThat(phase.contexts().get(0).message()).contains("HTTP 404 (not found)");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void no_source_runs_the_buildspec_in_an_empty_directory() throws Exception {
        var result = new TestBuild(Engines.docker(), work.resolve("none"))
                .primary(new Source.NoSource())
                .buildspec("""
                        version: 0.2
                        phases:
                          build:
                            commands:
                              - ls -A | wc -l
                        """)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("0");
    }
}
