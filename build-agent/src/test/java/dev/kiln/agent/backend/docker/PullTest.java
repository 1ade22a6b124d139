package dev.kiln.agent.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.PushResponseItem;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.agent.testing.TestImages;
import dev.kiln.model.build.StatusType;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image missing from the engine is pulled from its registry: a real registry (Debian's docker-registry). */
@Tag("docker")
class PullTest {
    @TempDir
    Path work;

    @Test
    void a_missing_image_is_pulled_from_its_registry() throws Exception {
        DockerClient client = Engines.docker().engine().client();
        Process registry = startRegistry();
        String repository = TestImages.REGISTRY + "/kiln-test/pulled";
        String tag = Long.toString(System.nanoTime());
        try {
            client.tagImageCmd(TestImages.BUSYBOX, repository, tag).exec();
            client.pushImageCmd(repository)
                    .withTag(tag)
                    .exec(new ResultCallback.Adapter<PushResponseItem>() {
                        @Override
                        public void onNext(PushResponseItem item) {
                            if (item.getErrorDetail() != null) {
                                throw new IllegalStateException(
                                        item.getErrorDetail().getMessage());
                            }
                        }
                    })
                    .awaitCompletion(2, TimeUnit.MINUTES);
            client.removeImageCmd(repository + ":" + tag).exec();

            var result = new TestBuild(Engines.docker(), work)
                    .image(repository + ":" + tag)
                    .buildspec("version: 0.2\nphases:\n  build:\n    commands:\n      - echo pulled image runs\n")
                    .run();

            assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
            assertThat(result.output()).containsExactly("pulled image runs");
            assertThat(result.progress()).anyMatch(l -> l.startsWith("pulling image " + repository));
        } finally {
            try {
                client.removeImageCmd(repository + ":" + tag).withForce(true).exec();
            } catch (RuntimeException e) {
                // not pulled
            }
            registry.destroy();
            registry.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Process startRegistry() throws IOException, InterruptedException {
        Path config = work.resolve("registry.yml");
        Files.writeString(
                config,
                "version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: " + work.resolve("data")
                        + "\nhttp:\n  addr: " + TestImages.REGISTRY + "\n");
        Process registry = new ProcessBuilder("docker-registry", "serve", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("registry.log").toFile())
                .start();
        for (int i = 0; i < 100; i++) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create("http://" + TestImages.REGISTRY + "/v2/")
                        .toURL()
                        .openConnection();
                c.setConnectTimeout(200);
                if (c.getResponseCode() == 200) {
                    return registry;
                }
            } catch (IOException e) {
                // not up yet
            }
            if (!registry.isAlive()) {
                break;
            }
            Thread.sleep(100);
        }
        registry.destroy();
        throw new IllegalStateException(
                "the test registry did not start: " + Files.readString(work.resolve("registry.log")));
    }
}
