package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retry, approval and stop over the API, with a real agent process. */
class RunControlTest {
    @TempDir
    static Path dir;

    static KilnServer server;
    static Api api;
    static AgentProcess agent;

    @BeforeAll
    static void start() throws Exception {
        server = Runs.server(dir.resolve("data"));
        String token = server.newToken("test");
        server.markReady();
        api = new Api(server.url(), token);
        agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"));
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    static String pipeline(Path flag) {
        return """
                version: 1
                stages:
                  - name: build
                    actions:
                      - name: check
                        type: build
                        buildspec:
                          version: 0.2
                          phases:
                            build:
                              commands:
                                - test -f FLAG
                  - name: approve
                    actions:
                      - {name: release, type: approval, timeout-minutes: 5}
                  - name: ship
                    actions:
                      - name: announce
                        type: build
                        buildspec: {version: 0.2, phases: {build: {commands: ["echo shipped"]}}}
                """.replace("FLAG", flag.toString());
    }

    static String agentLog() {
        try {
            return Files.readString(agent.log());
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }

    static JsonNode run(String id) {
        return api.get("/api/v1/runs/" + id).body();
    }

    static String status(JsonNode run, int stage, int action) {
        return run.path("stages")
                .get(stage)
                .path("actions")
                .get(action)
                .path("status")
                .asText();
    }

    @Test
    void a_failed_stage_is_retried_then_the_approval_lets_the_run_finish() throws Exception {
        Path flag = dir.resolve("flag");
        GitRemote remote = GitRemote.create(dir, "gated");
        remote.write("README.md", "# gated\n").commitAndPush("start");
        api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
        String commit = remote.write(".kiln/pipeline.yml", pipeline(flag)).commitAndPush("gated pipeline");
        JsonNode failed = Runs.ended(api, commit, Duration.ofSeconds(60));
        assertThat(failed.path("status").asText()).isEqualTo("Failed");
        assertThat(failed.path("message").asText())
                .contains("action check failed")
                .contains("test -f");
        String id = failed.path("id").asText();

        Api.Answer wrongStage = api.post("/api/v1/runs/" + id + "/retry", "{\"stage\": \"ship\"}");
        Files.writeString(flag, "ok");
        Api.Answer retried = api.post("/api/v1/runs/" + id + "/retry", "{\"stage\": \"build\"}");
        Waits.until(
                Duration.ofSeconds(60),
                "the approval to wait",
                () -> status(run(id), 2, 0).equals("InProgress") ? Boolean.TRUE : null);
        Api.Answer notAnApproval =
                api.post("/api/v1/runs/" + id + "/approval", "{\"stage\": \"build\", \"approved\": true}");
        Api.Answer approved = api.post(
                "/api/v1/runs/" + id + "/approval",
                "{\"stage\": \"approve\", \"approved\": true, \"comment\": \"ship it\"}");
        JsonNode done = Waits.until(Duration.ofSeconds(60), "the run to end", () -> {
            JsonNode r = run(id);
            return r.path("endTime").isNull() ? null : r;
        });

        assertThat(wrongStage.status()).isEqualTo(409);
        assertThat(retried.status()).isEqualTo(200);
        assertThat(notAnApproval.status()).isEqualTo(409);
        assertThat(approved.status()).isEqualTo(200);
        assertThat(done.path("status").asText()).as(done.toString()).isEqualTo("Succeeded");
        assertThat(done.path("stages")
                        .get(1)
                        .path("actions")
                        .get(0)
                        .path("attempt")
                        .asInt())
                .isEqualTo(2);
        List<String> history = new ArrayList<>();
        done.path("history")
                .forEach(h -> history.add(
                        h.path("status").asText() + " " + h.path("message").asText()));
        assertThat(history).contains("Succeeded approved by test: ship it", "InProgress retrying stage build");
    }

    @Test
    void stop_with_abandon_stops_the_running_build_and_ends_the_run_stopped() throws Exception {
        GitRemote remote = GitRemote.create(dir, "sleepy");
        remote.write("README.md", "# sleepy\n").commitAndPush("start");
        api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
        String commit = remote.write(".kiln/pipeline.yml", """
                        version: 1
                        stages:
                          - name: build
                            actions:
                              - name: nap
                                type: build
                                buildspec: {version: 0.2, phases: {build: {commands: ["echo napping", "sleep 60"]}}}
                        """).commitAndPush("sleepy pipeline");
        String id = Waits.until(Duration.ofSeconds(60), "the build to run", () -> {
            for (JsonNode r : api.get("/api/v1/runs").body()) {
                if (r.path("sourceRevision").asText().equals(commit)) {
                    for (JsonNode job : api.get("/api/v1/runs/" + r.path("id").asText() + "/jobs")
                            .body()) {
                        if (job.path("state").asText().equals("Running")) {
                            return r.path("id").asText();
                        }
                    }
                }
            }
            return null;
        });
        long asked = System.nanoTime();

        Api.Answer stopped = api.post("/api/v1/runs/" + id + "/stop", "{\"abandon\": true, \"reason\": \"enough\"}");
        Api.Answer again = api.post("/api/v1/runs/" + id + "/stop", "{}");

        assertThat(stopped.status()).isEqualTo(200);
        assertThat(stopped.body().path("status").asText()).isEqualTo("Stopped");
        assertThat(status(stopped.body(), 1, 0)).isEqualTo("Abandoned");
        assertThat(again.status()).isEqualTo(409);
        JsonNode job;
        try {
            job = Waits.until(Duration.ofSeconds(45), "the agent to stop the build", () -> {
                JsonNode j = api.get("/api/v1/runs/" + id + "/jobs").body().get(0);
                String log = api.get("/api/v1/jobs/" + j.path("id").asText() + "/log")
                        .body()
                        .path("lines")
                        .toString();
                return log.contains("Phase complete: BUILD State: STOPPED") ? j : null;
            });
        } catch (AssertionError e) {
            JsonNode j = api.get("/api/v1/runs/" + id + "/jobs").body().get(0);
            throw new AssertionError(
                    e.getMessage() + "\njob: " + j + "\njob log: "
                            + api.get("/api/v1/jobs/" + j.path("id").asText() + "/log")
                                    .body() + "\nagent log: "
                            + agentLog(),
                    e);
        }
        assertThat(job.path("state").asText()).isEqualTo("Abandoned");
        assertThat((System.nanoTime() - asked) / 1_000_000_000L)
                .as("well before the 60 s nap ends")
                .isLessThan(30);
    }
}
