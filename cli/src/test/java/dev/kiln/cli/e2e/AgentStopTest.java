package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.LogPage;
import dev.kiln.model.api.Run;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent asked to stop (SIGTERM, Ctrl-C) hands its work back instead of leaving it to a heartbeat's timeout: a job
 * that ends within the grace sends its result; one that does not is stopped and queued again, and the next agent
 * runs it from its start, its log going on after the first attempt's lines. The stopped agent is forgotten at once.
 */
class AgentStopTest {
    private static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: work
                    type: build
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo started && sleep SECONDS && echo finished
            """;

    @TempDir
    Path dir;

    /** A job and its run. */
    private record RunJob(String runId, Job job) {}

    private static RunJob running(Api api) throws InterruptedException {
        return Waits.until(Duration.ofSeconds(60), "the job to print started", () -> {
            for (Run run : api.get("/api/v1/runs").as(Run[].class)) {
                for (Job job : api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)) {
                    if (job.state() == JobState.RUNNING && log(api, job.id()).contains("started")) {
                        return new RunJob(run.id(), job);
                    }
                }
            }
            return null;
        });
    }

    private static List<String> log(Api api, String job) {
        return api.get("/api/v1/jobs/" + job + "/log").as(LogPage.class).lines();
    }

    private static List<String> agentNames(Api api) {
        return List.of(api.get("/api/v1/agents").as(Agent[].class)).stream()
                .map(Agent::name)
                .toList();
    }

    @Test
    void a_job_that_outlasts_the_grace_is_given_back_and_the_next_agent_runs_it_from_its_start() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "handed");
            AgentProcess first = AgentProcess.start(
                    server.url(), token, dir.resolve("first.log"), "--name", "first", "--grace", "1");
            String commit = remote.write(".kiln/pipeline.yml", PIPELINE.replace("SECONDS", "8"))
                    .commitAndPush("a pipeline");
            RunJob held = running(api);
            Job job = held.job();

            assertThat(first.stop(Duration.ofSeconds(45)))
                    .as("the agent ends soon after its grace")
                    .isTrue();
            Job queued = List.of(
                            api.get("/api/v1/runs/" + held.runId() + "/jobs").as(Job[].class))
                    .stream()
                    .filter(j -> j.id().equals(job.id()))
                    .findFirst()
                    .orElseThrow();
            assertThat(queued.state())
                    .as(
                            "queued again at once, not after 30 s; the agent said: %s",
                            java.nio.file.Files.readString(first.log()))
                    .isEqualTo(JobState.QUEUED);
            assertThat(agentNames(api))
                    .as("a stopped agent is forgotten at once")
                    .doesNotContain("first");

            try (AgentProcess second =
                    AgentProcess.start(server.url(), token, dir.resolve("second.log"), "--name", "second")) {
                Run run = Runs.endedRun(api, commit, Duration.ofSeconds(60));
                assertThat(run.status()).as(run.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
                List<String> lines = log(api, job.id());
                int handedBack = lines.indexOf(lines.stream()
                        .filter(l -> l.startsWith("[Kiln] the agent first gave this job back unfinished"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no hand-back line in " + lines)));
                assertThat(lines.subList(0, handedBack)).contains("started").doesNotContain("finished");
                assertThat(lines.subList(handedBack + 1, lines.size())).contains("started", "finished");
                assertThat(second.log()).exists();
            }
        }
    }

    @Test
    void a_job_that_ends_within_the_grace_sends_its_result_before_its_agent_stops() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "graceful");
            AgentProcess agent =
                    AgentProcess.start(server.url(), token, dir.resolve("agent.log"), "--name", "graceful");
            String commit = remote.write(".kiln/pipeline.yml", PIPELINE.replace("SECONDS", "3"))
                    .commitAndPush("a pipeline");
            Job job = running(api).job();

            assertThat(agent.stop(Duration.ofSeconds(30))).isTrue();

            Run run = Runs.endedRun(api, commit, Duration.ofSeconds(10));
            assertThat(run.status()).as(run.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(log(api, job.id())).contains("finished").noneMatch(l -> l.contains("gave this job back"));
            assertThat(agentNames(api)).doesNotContain("graceful");
        }
    }
}
