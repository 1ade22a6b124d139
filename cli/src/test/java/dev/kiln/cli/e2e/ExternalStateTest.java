package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.model.job.StoreSettings;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.server.ServerSettings;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --database and --s3: the same orchestrator on a PostgreSQL and an S3 server of someone else's. */
class ExternalStateTest {
    @TempDir
    Path dir;

    @Test
    void a_run_goes_through_on_a_postgresql_url_and_an_s3_url() throws Exception {
        Database external = TestPostgres.freshDatabase();
        String url = external.jdbcUrl().replace("jdbc:postgresql://", "postgresql://postgres:@");
        try (KilnServer storage = Runs.embeddedServer(dir.resolve("storage"))) {
            StoreSettings s3 = storage.objectStore();
            try (KilnServer server = KilnServer.start(
                    new ServerSettings(
                            "127.0.0.1",
                            0,
                            dir.resolve("data"),
                            1,
                            0,
                            Optional.of(url),
                            Optional.of(s3.endpoint() + "/elsewhere"),
                            Optional.of(s3.accessKey()),
                            Optional.of(s3.secretKey())),
                    line -> {})) {
                String token = server.newToken("test");
                Api api = new Api(server.url(), token);
                GitRemote remote = GitRemote.create(dir, "ext");
                remote.write("README.md", "# ext\n").commitAndPush("start");
                api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
                try (AgentProcess agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"))) {
                    String commit = remote.write(".kiln/pipeline.yml", PipelineRunTest.PIPELINE)
                            .commitAndPush("pipeline");

                    JsonNode run = Runs.ended(api, commit, Duration.ofSeconds(60));

                    assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
                    assertThat(agent.log()).exists();
                }
                assertThat(Files.exists(dir.resolve("data/postgres")))
                        .as("no embedded database")
                        .isFalse();
                assertThat(dir.resolve("storage/objects/elsewhere/runs")).isDirectory();
            }
        }
    }

    @Test
    void database_urls_are_read_in_their_usual_shapes_and_others_are_refused_saying_the_shape() {
        assertThat(Database.fromUrl("postgresql://kiln:pw@db.example:6543/state", Optional.empty(), Optional.empty()))
                .isEqualTo(new Database("jdbc:postgresql://db.example:6543/state", "kiln", "pw"));
        assertThat(Database.fromUrl("postgres://db.example/state", Optional.of("u"), Optional.of("p")))
                .isEqualTo(new Database("jdbc:postgresql://db.example:5432/state", "u", "p"));
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Database.fromUrl("mysql://db/state", Optional.empty(), Optional.empty()))
                .hasMessageContaining("postgresql://USER:PASSWORD@HOST:PORT/DATABASE");
    }
}
