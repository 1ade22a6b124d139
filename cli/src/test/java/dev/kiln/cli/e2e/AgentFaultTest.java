package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.client.AgentClient;
import dev.kiln.kit.remote.AgentJob;
import dev.kiln.kit.remote.JobFactory;
import dev.kiln.kit.remote.RemoteAgent;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Run;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent whose own code fails while it runs a job (a stack overflow, as a deeply nested file once caused): the job
 * ends FAULT saying so, and the agent's worker goes on to take the next job, instead of dying with the job left
 * Running.
 */
class AgentFaultTest {
    private static final String PIPELINE = """
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
                          commands: [echo made]
            """;

    @TempDir
    Path dir;

    /** The first job overflows the agent's stack; the next ones succeed. */
    private static final class Overflowing implements JobFactory {
        final AtomicInteger jobs = new AtomicInteger();

        @Override
        public AgentKind kind() {
            return AgentKind.BUILD;
        }

        @Override
        public AgentJob create(JobSpec spec, ArtifactStore store, AgentClient client) {
            int number = jobs.incrementAndGet();
            return new AgentJob() {
                @Override
                public void onStart(Runnable action) {}

                @Override
                public JobResult run(Consumer<String> log) {
                    if (number == 1) {
                        throw new StackOverflowError();
                    }
                    log.accept("job " + number + " ran");
                    return new JobResult(StatusType.SUCCEEDED, "", Map.of(), 0);
                }

                @Override
                public void stop() {}
            };
        }
    }

    @Test
    void a_job_that_overflows_the_agents_stack_ends_fault_and_the_agent_takes_the_next_job() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "overflow");
            Overflowing factory = new Overflowing();
            RemoteAgent agent = new RemoteAgent(
                    new AgentClient(server.url(), token, "in-process"), "in-process", List.of(), 1, factory, l -> {});
            Thread worker = new Thread(
                    () -> {
                        try {
                            agent.run();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "in-process-agent");
            worker.setDaemon(true);
            worker.start();
            try {
                Run first = Runs.endedRun(
                        api,
                        remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("a pipeline"),
                        Duration.ofSeconds(60));
                assertThat(first.status()).isEqualTo(ExecutionStatus.FAILED);
                assertThat(first.stages().get(1).actions().get(0).message())
                        .startsWith("the agent failed while running the job (StackOverflowError)");

                Run second = Runs.endedRun(
                        api, remote.write("README.md", "# again\n").commitAndPush("again"), Duration.ofSeconds(60));
                assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(factory.jobs).hasValue(2);
            } finally {
                agent.stop();
            }
        }
    }
}
