package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Closer;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.ServerEnvironment;
import dev.kiln.cli.testing.UpProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code KILN_LOG_FORMAT=json}: every line a server and an agent process write is a JSON object, and a job can be
 * followed across both by its {@code run} and {@code job} fields; no secret of theirs is in either log.
 */
class StructuredLogsTest {
    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: make
                    type: build
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "built"
            """;

    @TempDir
    Path dir;

    private final Closer running = new Closer();

    @AfterEach
    void stopEverything() throws Exception {
        running.closeAll();
    }

    @Test
    void a_server_and_an_agent_log_json_lines_that_name_the_run_and_the_job() throws Exception {
        ServerEnvironment server0 = ServerEnvironment.fresh(dir.resolve("objects"), "kiln-logs", running)
                .with("KILN_LOG_FORMAT", "json");
        Map<String, String> env = server0.env();
        String admin = server0.adminToken();
        String agentToken = server0.agentToken();
        String s3Secret = server0.storeSecret();
        int port = UpProcess.freePort();
        String url = "http://127.0.0.1:" + port;
        Path serverLog = dir.resolve("server.log");
        running.add(UpProcess.server(dir.resolve("data"), port, env, serverLog));
        Api api = new Api(url, admin);
        Path agentLog = dir.resolve("agent.log");
        running.add(AgentProcess.startWith(
                Map.of("KILN_LOG_FORMAT", "json"), "process", url, agentToken, agentLog, "--name", "json-agent"));

        GitRemote remote = GitRemote.create(dir, "logged");
        remote.write("README.md", "# logged\n").commitAndPush("start");
        assertThat(api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}")
                        .status())
                .isEqualTo(201);
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("the pipeline");
        JsonNode run = Runs.ended(api, commit, Duration.ofSeconds(90));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
        String runId = run.path("id").asText();
        JsonNode job = api.get("/api/v1/runs/" + runId + "/jobs").body().get(0);
        String jobId = job.path("id").asText();
        String agentId = job.path("agent").asText();
        Thread.sleep(1500); // the run's last events are said when they are saved

        List<JsonNode> server = lines(serverLog);
        List<JsonNode> agent = lines(agentLog);
        assertThat(messages(server, "logger_name", "kiln.server")).anyMatch(m -> m.startsWith("ready at " + url));
        List<String> jobStates = new ArrayList<>();
        for (JsonNode line : server) {
            if (line.path("job").asText().equals(jobId)) {
                assertThat(line.path("logger_name").asText()).isEqualTo("kiln.orchestrator");
                assertThat(line.path("run").asText()).isEqualTo(runId);
                assertThat(line.path("stage").asText()).isEqualTo("build");
                assertThat(line.path("action").asText()).isEqualTo("make");
                jobStates.add(line.path("status").asText());
            }
        }
        assertThat(jobStates).containsExactly("Queued", "Leased", "Running", "Succeeded");
        assertThat(server)
                .filteredOn(l -> l.path("job").asText().equals(jobId)
                        && l.path("status").asText().equals("Leased"))
                .singleElement()
                .satisfies(l -> assertThat(l.path("agent").asText()).isEqualTo(agentId));
        assertThat(server)
                .as("the run's own end")
                .anyMatch(l -> l.path("run").asText().equals(runId)
                        && !l.has("stage")
                        && l.path("pipeline").asText().equals("logged")
                        && l.path("status").asText().equals("Succeeded"));

        assertThat(messages(agent, "logger_name", "kiln.agent.build"))
                .anyMatch(m -> m.startsWith("connected to the orchestrator as agent " + agentId));
        assertThat(agent)
                .filteredOn(l -> l.path("job").asText().equals(jobId))
                .as("the agent's events of the job carry its run and job")
                .isNotEmpty()
                .allSatisfy(l -> {
                    assertThat(l.path("run").asText()).isEqualTo(runId);
                    assertThat(l.path("agent_name").asText()).isEqualTo("json-agent");
                })
                .anyMatch(l -> l.path("message").asText().equals("job " + jobId + ": SUCCEEDED"));

        for (Path log : List.of(serverLog, agentLog)) {
            String text = Files.readString(log);
            for (String secret : List.of(admin, agentToken, s3Secret)) {
                assertThat(text).as("a secret in " + log.getFileName()).doesNotContain(secret);
            }
        }
    }

    /** Every line of {@code log}, each of which must be a JSON object with a time, a level, a logger and a message. */
    private static List<JsonNode> lines(Path log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode node;
            try {
                node = json.readTree(line);
            } catch (IOException e) {
                throw new AssertionError("not a JSON line in " + log.getFileName() + ": " + line, e);
            }
            assertThat(node.isObject()).as(line).isTrue();
            for (String field : List.of("@timestamp", "level", "logger_name", "message")) {
                assertThat(node.has(field)).as(field + " in " + line).isTrue();
            }
            lines.add(node);
        }
        return lines;
    }

    private static List<String> messages(List<JsonNode> lines, String field, String value) {
        return lines.stream()
                .filter(l -> l.path(field).asText().equals(value))
                .map(l -> l.path("message").asText())
                .toList();
    }
}
