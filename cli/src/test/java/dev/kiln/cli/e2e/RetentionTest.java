package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.MinioArtifactStore;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.Run;
import dev.kiln.model.job.StoreSettings;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.state.RetentionPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With {@code --keep-runs 1}, a retention pass removes the older of two ended runs whole (its record, jobs, log and
 * artifacts in the object store) and leaves the newer one as it was.
 */
class RetentionTest {
    private static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: make
                    type: build
                    outputs: [made]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands: [echo made > made.txt]
                      artifacts:
                        files: [made.txt]
            """;

    @TempDir
    Path dir;

    @Test
    void the_older_of_two_runs_goes_whole_and_the_newer_stays() throws Exception {
        try (KilnServer server =
                Runs.server(dir.resolve("data"), new RetentionPolicy(Optional.of(1), Optional.empty()))) {
            String token = server.newToken("test");
            Api api = new Api(server.url(), token);
            GitRemote remote = Runs.polledRepository(api, dir, "kept");
            try (AgentProcess agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"))) {
                Run first = Runs.endedRun(
                        api,
                        remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("a pipeline"),
                        Duration.ofSeconds(60));
                Run second = Runs.endedRun(
                        api, remote.write("README.md", "# again\n").commitAndPush("again"), Duration.ofSeconds(60));
                assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
                assertThat(agent.log()).exists();
            }
            Job firstJob = api.get("/api/v1/runs/1/jobs").as(Job[].class)[0];
            StoreSettings s3 = server.objectStore();
            ArtifactStore objects =
                    new MinioArtifactStore(s3.endpoint(), s3.accessKey(), s3.secretKey(), s3.bucket(), "");
            assertThat(objects.list("runs/1/"))
                    .as("the first run's source and artifacts")
                    .isNotEmpty();

            assertThat(server.removeOldRuns()).isEqualTo(1);

            assertThat(api.get("/api/v1/runs/1").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/jobs/" + firstJob.id() + "/log").status())
                    .isEqualTo(404);
            assertThat(objects.list("runs/1/")).isEmpty();
            assertThat(api.get("/api/v1/runs/2").as(Run.class).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
            assertThat(objects.list("runs/2/")).isNotEmpty();
            assertThat(server.removeOldRuns()).as("nothing more to remove").isZero();
        }
    }
}
