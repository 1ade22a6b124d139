package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.KilnMain;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Closer;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.UpProcess;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.server.EmbeddedObjectStore;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.server.ServerSettings;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kiln backup} of a running orchestrator (PostgreSQL and its S3 store), {@code kiln restore} into a fresh
 * database and store, and a new orchestrator on them: the run, its archived log (an object in the store), its
 * artifact, the users and the tokens are all there; a second restore into the same database is refused.
 */
class BackupRestoreTest {
    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: long
                    type: build
                    outputs: [app]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - seq 1 60000
                            - echo "the artifact" > app.txt
                      artifacts:
                        files: [app.txt]
            """;

    @TempDir
    Path dir;

    private final Closer open = new Closer();

    @AfterEach
    void stopEverything() throws Exception {
        open.closeAll();
    }

    /** A stack's database and store. */
    private record Stack(Database database, String s3, String secret) {}

    private Stack stack(String name) throws Exception {
        int port = UpProcess.freePort();
        String secret = Tokens.generate();
        open.add(EmbeddedObjectStore.serve(dir.resolve(name + "-objects"), "127.0.0.1", port, "kiln-" + name, secret));
        return new Stack(TestPostgres.freshDatabase(), "http://127.0.0.1:" + port + "/kiln", secret);
    }

    private KilnServer server(Stack stack, String name) throws Exception {
        KilnServer server = KilnServer.start(
                new ServerSettings(
                        "127.0.0.1",
                        0,
                        dir.resolve(name + "-data"),
                        1,
                        0,
                        Optional.of(stack.database().jdbcUrl()),
                        Optional.of(stack.s3()),
                        Optional.of("kiln-" + name),
                        Optional.of(stack.secret())),
                line -> {});
        server.markReady();
        return server;
    }

    /** Runs {@code kiln ARGS} as a process against a stack; answers its exit status and output. */
    private String kiln(Stack stack, String name, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "kiln", ".out");
        ProcessBuilder builder = new ProcessBuilder(KilnMain.command(args))
                .redirectErrorStream(true)
                .redirectOutput(out.toFile());
        builder.environment().put("KILN_DATABASE", stack.database().jdbcUrl());
        builder.environment().put("KILN_S3", stack.s3());
        builder.environment().put("AWS_ACCESS_KEY_ID", "kiln-" + name);
        builder.environment().put("AWS_SECRET_ACCESS_KEY", stack.secret());
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() + " " + Files.readString(out, StandardCharsets.UTF_8);
    }

    @Test
    void a_backup_restored_into_a_fresh_stack_has_the_runs_logs_artifacts_users_and_tokens() throws Exception {
        Stack first = stack("one");
        KilnServer one = server(first, "one");
        open.add(one);
        String token = one.newToken("test");
        Api api = new Api(one.url(), token);
        one.addUser("olga", "a long enough passphrase", Role.OPERATOR);
        GitRemote remote = GitRemote.create(dir, "kept");
        remote.write("README.md", "# kept\n").commitAndPush("start");
        assertThat(api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}")
                        .status())
                .isEqualTo(201);
        String commit;
        try (AgentProcess agent =
                AgentProcess.start(one.url(), one.newToken("agent", Role.AGENT), dir.resolve("agent.log"))) {
            commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("a long log");
            JsonNode run = Runs.ended(api, commit, Duration.ofSeconds(120));
            assertThat(run.path("status").asText())
                    .as(run + "\n" + Files.readString(agent.log()))
                    .isEqualTo("Succeeded");
        }
        Path backup = dir.resolve("kiln.tar.gz");
        String made = kiln(first, "one", "backup", backup.toString());
        assertThat(made).startsWith("0 ").contains("backed up").contains("objects");
        assertThat(Files.size(backup)).isPositive();
        // it holds token hashes, sealed secrets and logs: its owner's alone, whatever the umask
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(backup)))
                .isEqualTo("rw-------");
        open.closeNow(one);

        Stack second = stack("two");
        String restored = kiln(second, "two", "restore", backup.toString());
        assertThat(restored).startsWith("0 ").contains("restored");
        KilnServer two = server(second, "two");
        open.add(two);
        Api again = new Api(two.url(), token);
        JsonNode runs = again.get("/api/v1/runs").body();
        assertThat(runs.size())
                .as("runs, read with a token made before the backup")
                .isEqualTo(1);
        JsonNode run = runs.get(0);
        assertThat(run.path("status").asText()).isEqualTo("Succeeded");
        assertThat(run.path("sourceRevision").asText()).isEqualTo(commit);
        JsonNode job = again.get("/api/v1/runs/" + run.path("id").asText() + "/jobs")
                .body()
                .get(0);
        JsonNode tail = again.get("/api/v1/jobs/" + job.path("id").asText() + "/log?from=59990&limit=100")
                .body();
        assertThat(tail.path("lines").toString()).contains("60000");
        try (var files = Files.walk(dir.resolve("two-objects"))) {
            assertThat(files.map(Path::toString))
                    .as("the archived log, an object restored into the new store")
                    .anyMatch(p -> p.endsWith(job.path("id").asText() + ".log"));
        }
        assertThat(job.path("outputs").path("app").asText()).isNotEmpty();
        assertThat(again.post("/api/v1/sessions", "{\"name\": \"olga\", \"password\": \"a long enough passphrase\"}")
                        .status())
                .isEqualTo(201);

        String twice = kiln(second, "two", "restore", backup.toString());
        assertThat(twice).startsWith("1 ").contains("already holds runs or users");
        Path notABackup = dir.resolve("not.tar.gz");
        Files.writeString(notABackup, "nope");
        assertThat(kiln(second, "two", "restore", notABackup.toString()))
                .startsWith("1 ")
                .contains("not.tar.gz");
    }
}
