package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.Run;
import dev.kiln.model.job.JobSpec;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent killed mid-job: after 30 s without a heartbeat its started action fails, saying the agent was lost. */
class LostAgentTest {
    static final String LONG = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: wait
                    type: build
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo started && sleep 45
            """;

    @TempDir
    Path dir;

    /** A build agent played by hand: it says hello as {@code agent}, then leases the next job (and runs nothing). */
    static JobSpec leaseByHand(Api api, String agent) throws InterruptedException {
        String hello = "{\"name\": \"" + agent + "\", \"kind\": \"build\", \"labels\": [], \"maxJobs\": 1,"
                + " \"running\": []}";
        assertThat(api.send("PUT", "/api/v1/agents/" + agent, hello, java.util.Map.of())
                        .status())
                .isEqualTo(200);
        return Waits.until(Duration.ofSeconds(30), agent + " to lease the job", () -> {
            Api.Answer answer =
                    api.send("POST", "/api/v1/agents/" + agent + "/lease?waitMs=1000", null, java.util.Map.of());
            return answer.status() == 200 ? answer.as(JobSpec.class) : null;
        });
    }

    @Test
    void a_started_job_of_a_silent_agent_fails_with_a_message_that_says_so() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "long");
            AgentProcess agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"));
            String commit = remote.write(".kiln/pipeline.yml", LONG).commitAndPush("long pipeline");
            Waits.until(Duration.ofSeconds(60), "the job to run", () -> {
                for (Run run : api.get("/api/v1/runs").as(Run[].class)) {
                    for (Job job : api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)) {
                        if (job.state() == JobState.RUNNING) {
                            return job;
                        }
                    }
                }
                return null;
            });
            long killed = System.nanoTime();

            agent.kill();

            Run run = Runs.endedRun(api, commit, Duration.ofSeconds(60));
            long seconds = (System.nanoTime() - killed) / 1_000_000_000L;
            assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
            assertThat(run.stages().get(1).actions().get(0).message())
                    .contains("agent")
                    .contains("lost");
            assertThat(seconds).as("lost after 30 s of silence, not before").isBetween(25L, 45L);
        }
    }

    @Test
    void a_job_leased_but_not_started_by_a_silent_agent_goes_to_another_agent() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "quick");
            String commit = remote.write(".kiln/pipeline.yml", LONG.replace("echo started && sleep 45", "echo ran"))
                    .commitAndPush("quick pipeline");
            JobSpec leased = leaseByHand(api, "silent");
            assertThat(leased.action()).isEqualTo("wait");

            try (AgentProcess other = AgentProcess.start(server.url(), token, dir.resolve("other.log"))) {
                Run run = Runs.endedRun(api, commit, Duration.ofSeconds(75));
                assertThat(run.status()).as(run.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
                Job[] jobs = api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class);
                assertThat(jobs[0].agent()).isNotEqualTo("silent");
                assertThat(other.log()).exists();
            }
        }
    }

    @Test
    void a_lease_the_agent_never_got_goes_to_another_agent_though_the_first_keeps_beating() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "dropped");
            String commit = remote.write(".kiln/pipeline.yml", LONG.replace("echo started && sleep 45", "echo ran"))
                    .commitAndPush("quick pipeline");
            // the lease is made, but (as when its answer is lost on the way) the agent never runs the job ...
            JobSpec leased = leaseByHand(api, "forgetful");
            // ... and goes on beating without it: within its next two beats the job is taken back
            Job back = Waits.until(Duration.ofSeconds(30), "the job to be queued again", () -> {
                assertThat(api.post("/api/v1/agents/forgetful/heartbeat", "{\"running\": []}")
                                .status())
                        .isEqualTo(200);
                for (Job job :
                        api.get("/api/v1/runs/" + leased.runId() + "/jobs").as(Job[].class)) {
                    if (job.id().equals(leased.jobId()) && job.state() == JobState.QUEUED) {
                        return job;
                    }
                }
                return null;
            });
            assertThat(back.agent()).isNull();

            try (AgentProcess other = AgentProcess.start(server.url(), token, dir.resolve("other.log"))) {
                Run run = Runs.endedRun(api, commit, Duration.ofSeconds(75));
                assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(List.of(api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)))
                        .singleElement()
                        .satisfies(j -> assertThat(j.agent()).isNotEqualTo("forgetful"));
                assertThat(other.log()).exists();
            }
        }
    }
}
