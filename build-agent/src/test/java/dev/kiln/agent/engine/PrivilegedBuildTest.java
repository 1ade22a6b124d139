package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import dev.kiln.agent.backend.docker.DefaultImage;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.kit.testing.TestRegistry;
import dev.kiln.model.build.StatusType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Privileged mode on Kiln's default image: the build's docker commands reach the agent's engine, build an image and
 * push it to a registry, as CodeBuild builds do with {@code privilegedMode}.
 */
@Tag("docker")
class PrivilegedBuildTest {
    @TempDir
    Path work;

    @Test
    void a_privileged_build_builds_an_image_and_pushes_it_to_a_registry() throws Exception {
        String repository = TestImages.REGISTRY + "/kiln-test/privileged";
        String tag = "b" + System.nanoTime();
        DockerClient client = Engines.docker().engine().client();
        TestRegistry registry = TestRegistry.start(work.resolve("registry"));
        try {
            var build = new TestBuild(Engines.docker(), work.resolve("build"))
                    .image(DefaultImage.REFERENCE)
                    .privileged()
                    .file("Dockerfile", "FROM " + TestImages.BUSYBOX + "\nCMD [\"echo\", \"built by kiln\"]\n")
                    .buildspec("""
                            version: 0.2
                            env:
                              variables:
                                IMAGE: %s:%s
                            phases:
                              pre_build:
                                commands:
                                  - docker version --format 'client {{.Client.Version}}'
                              build:
                                commands:
                                  - docker build -q -t $IMAGE . > /dev/null
                                  - docker push $IMAGE > /dev/null
                              post_build:
                                commands:
                                  - printf '[{"name":"web","imageUri":"%%s"}]' "$IMAGE" > imagedefinitions.json
                            artifacts:
                              files:
                                - imagedefinitions.json
                            """.formatted(repository, tag))
                    .run();

            assertThat(build.build().buildStatus()).as(build.text()).isEqualTo(StatusType.SUCCEEDED);
            assertThat(build.output()).anyMatch(l -> l.startsWith("client 20.10"));
            assertThat(build.text()).contains("The Docker CLI (privileged mode)");
            HttpResponse<String> manifest = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://" + TestImages.REGISTRY
                                            + "/v2/kiln-test/privileged/manifests/" + tag))
                                    .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(manifest.statusCode()).as(manifest.body()).isEqualTo(200);
        } finally {
            registry.close();
            try {
                client.removeImageCmd(repository + ":" + tag).withForce(true).exec();
            } catch (NotFoundException e) {
                // not built
            }
        }
    }
}
