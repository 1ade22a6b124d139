package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.UpProcess;
import dev.kiln.kit.remote.ServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGKILL of the orchestrator mid-run: the run goes on after kiln up, the agent reconnects, no line is lost. */
class CrashTest {
    static final String SLOW = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: count
                    type: build
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - for i in 1 2 3 4 5 6 7 8; do echo "line $i"; sleep 1; done
            """;

    @TempDir
    Path dir;

    private UpProcess up;

    @AfterEach
    void stopEverything() throws Exception {
        if (up != null) {
            up.close();
        }
        Path pid = dir.resolve("data/postgres/postmaster.pid");
        if (Files.exists(pid)) {
            ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()))
                    .ifPresent(ProcessHandle::destroy);
        }
    }

    @Test
    void a_run_in_flight_survives_a_sigkill_of_the_orchestrator_and_keeps_every_log_line() throws Exception {
        int port = UpProcess.freePort();
        Path data = dir.resolve("data");
        Path config = dir.resolve("config");
        Path log = dir.resolve("up.log");
        String server = "http://127.0.0.1:" + port;
        up = UpProcess.start(data, port, config, log);
        String token = ServerConfig.resolve(
                        Optional.empty(), Optional.empty(), Map.of("KILN_CONFIG", config.toString()))
                .token();
        Api api = new Api(server, token);
        assertThat(java.nio.file.Files.getPosixFilePermissions(config))
                .as("the token is for its owner only")
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        GitRemote remote = GitRemote.create(dir, "slow");
        remote.write("README.md", "# slow\n").commitAndPush("start");
        assertThat(api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}")
                        .status())
                .isEqualTo(201);
        try (AgentProcess agent = AgentProcess.start(server, token, dir.resolve("agent.log"))) {
            String commit = remote.write(".kiln/pipeline.yml", SLOW).commitAndPush("slow pipeline");
            String job = Runs.jobPrinting(api, "line 2", Duration.ofSeconds(60));

            up.kill();
            Thread.sleep(1500);
            assertThat(agent.log()).exists();
            up = UpProcess.start(data, port, config, log);

            JsonNode run = Runs.ended(api, commit, Duration.ofSeconds(90));
            assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
            List<String> lines = new ArrayList<>();
            api.get("/api/v1/jobs/" + job + "/log").body().path("lines").forEach(l -> lines.add(l.asText()));
            List<String> counted =
                    lines.stream().filter(l -> l.matches("line \\d")).toList();
            assertThat(counted)
                    .containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8");
        }
    }
}
