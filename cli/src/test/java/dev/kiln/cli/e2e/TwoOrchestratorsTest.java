package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Closer;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.ServerEnvironment;
import dev.kiln.cli.testing.UpProcess;
import dev.kiln.cli.testing.Waits;
import dev.kiln.client.KilnClient;
import dev.kiln.kit.testing.TestEngine;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.model.api.HealthStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two orchestrator processes on one PostgreSQL and one object store: one leads, the other stands by (503); an agent
 * knows both. The leader is killed (SIGKILL) while a build runs: the standby takes the lease over, the agent moves
 * to it with its job, and the run ends Succeeded, with one run for the push and one job per action.
 */
@Tag("docker")
class TwoOrchestratorsTest {
    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: count
                    type: build
                    image: BUSYBOX
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - for i in 1 2 3 4 5 6 7 8; do echo "line $i"; sleep 1; done
              - name: check
                actions:
                  - name: after
                    type: build
                    image: BUSYBOX
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "checked by the second stage"
            """;

    @TempDir
    Path dir;

    private final Closer running = new Closer();

    @AfterEach
    void stopEverything() throws Exception {
        running.closeAll();
    }

    @Test
    void the_standby_carries_a_run_to_its_end_when_the_leader_is_killed_mid_build() throws Exception {
        TestImages.ensure(TestEngine.shared().client());
        ServerEnvironment server = ServerEnvironment.fresh(dir.resolve("objects"), "kiln-test", running);
        Map<String, String> env = server.env();
        String admin = server.adminToken();
        String agentToken = server.agentToken();
        int portA = UpProcess.freePort();
        int portB = UpProcess.freePort();
        String urlA = "http://127.0.0.1:" + portA;
        String urlB = "http://127.0.0.1:" + portB;
        UpProcess a = UpProcess.server(dir.resolve("a"), portA, env, dir.resolve("a.log"));
        running.add(a);
        Api apiA = new Api(urlA, admin);
        Waits.until(
                Duration.ofSeconds(30),
                "A to lead",
                () -> apiA.get("/api/v1/health").status() == 200 ? 1 : null);
        UpProcess b = UpProcess.server(dir.resolve("b"), portB, env, dir.resolve("b.log"));
        running.add(b);
        Api apiB = new Api(urlB, admin);
        Thread.sleep(3000);
        assertThat(apiB.get("/api/v1/health").status())
                .as("B stands by while A leads")
                .isEqualTo(503);
        assertThat(apiB.get("/api/v1/runs").body().toString()).contains("standby");
        KilnClient ui = new KilnClient(urlB + "," + urlA, admin);
        assertThat(ui.health().status())
                .as("the UI's client moves on from the standby")
                .isEqualTo(HealthStatus.OK);
        assertThat(ui.baseUrl()).isEqualTo(urlA);

        GitRemote remote = GitRemote.create(dir, "slow");
        remote.write("README.md", "# slow\n").commitAndPush("start");
        assertThat(apiA.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}")
                        .status())
                .isEqualTo(201);
        AgentProcess agent = AgentProcess.start("docker", urlA + "," + urlB, agentToken, dir.resolve("agent.log"));
        running.add(agent);
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE.replace("BUSYBOX", TestImages.BUSYBOX))
                .commitAndPush("slow pipeline");
        String job = Runs.jobPrinting(apiA, "line 2", Duration.ofSeconds(90));

        long killed = System.nanoTime();
        a.kill();
        Waits.until(
                Duration.ofSeconds(40),
                "B to take the lease over",
                () -> apiB.get("/api/v1/health").status() == 200 ? 1 : null);
        double takeover = (System.nanoTime() - killed) / 1e9;
        assertThat(ui.runs(java.util.Optional.empty(), 50).size())
                .as("the UI's client moves on from the dead leader")
                .isEqualTo(1);
        assertThat(ui.baseUrl()).isEqualTo(urlB);

        JsonNode run = Runs.ended(apiB, commit, Duration.ofSeconds(120));
        assertThat(run.path("status").asText()).as(run.toString()).isEqualTo("Succeeded");
        long runsOfCommit = 0;
        for (JsonNode r : apiB.get("/api/v1/runs").body()) {
            runsOfCommit += r.path("sourceRevision").asText().equals(commit) ? 1 : 0;
        }
        assertThat(runsOfCommit).as("runs of the push").isEqualTo(1);
        List<String> jobs = new ArrayList<>();
        for (JsonNode j :
                apiB.get("/api/v1/runs/" + run.path("id").asText() + "/jobs").body()) {
            jobs.add(j.path("stage").asText() + "/" + j.path("action").asText() + "#"
                    + j.path("attempt").asInt() + " " + j.path("state").asText());
        }
        assertThat(jobs).containsExactlyInAnyOrder("build/count#1 Succeeded", "check/after#1 Succeeded");
        List<String> lines = new ArrayList<>();
        apiB.get("/api/v1/jobs/" + job + "/log").body().path("lines").forEach(l -> lines.add(l.asText()));
        assertThat(lines.stream().filter(l -> l.matches("line \\d")).toList())
                .containsExactly("line 1", "line 2", "line 3", "line 4", "line 5", "line 6", "line 7", "line 8");
        assertThat(Files.readString(dir.resolve("b.log"))).contains("took over the leader lease");

        UpProcess again = UpProcess.server(dir.resolve("a"), portA, env, dir.resolve("a.log"));
        running.add(again);
        Thread.sleep(3000);
        assertThat(apiA.get("/api/v1/health").status())
                .as("A, back, stands by while B leads")
                .isEqualTo(503);
        System.getLogger("failover").log(System.Logger.Level.INFO, "B led " + takeover + " s after A was killed");
    }
}
