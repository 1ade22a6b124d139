package dev.kiln.agent.backend.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AuthConfig;
import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.kit.testing.TestRegistry;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image missing from the engine is pulled from its registry: a real registry (Debian's docker-registry). */
@Tag("docker")
class PullTest {
    private static final String PASSWORD = "s3cret-pw";
    /** bcrypt of {@link #PASSWORD}, as htpasswd -B writes it (the registry reads only bcrypt). */
    private static final String BCRYPT_OF_PASSWORD = "$2b$12$ub9vSk1pdLj6Z8Uq7AudCurk3ymcxQIMrs02L4veK1ZzPAViYxLu2";

    @TempDir
    Path work;

    @Test
    void a_missing_image_is_pulled_from_its_registry() throws Exception {
        DockerClient client = Engines.docker().engine().client();
        TestRegistry registry = TestRegistry.start(work);
        String repository = TestImages.REGISTRY + "/kiln-test/pulled";
        String tag = Long.toString(System.nanoTime());
        try {
            client.tagImageCmd(TestImages.BUSYBOX, repository, tag).exec();
            TestRegistry.push(client, repository, tag, null);
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
            registry.close();
        }
    }

    @Test
    void a_private_registry_needs_the_login_from_the_pull_credentials() throws Exception {
        DockerClient client = Engines.docker().engine().client();
        Files.writeString(work.resolve("htpasswd"), "ci:" + BCRYPT_OF_PASSWORD + "\n");
        TestRegistry registry = TestRegistry.start(
                work, "auth:\n  htpasswd:\n    realm: kiln-tests\n    path: " + work.resolve("htpasswd") + "\n");
        String repository = TestImages.REGISTRY + "/kiln-test/private";
        String tag = Long.toString(System.nanoTime());
        AuthConfig login =
                new AuthConfig().withUsername("ci").withPassword(PASSWORD).withRegistryAddress(TestImages.REGISTRY);
        try {
            client.tagImageCmd(TestImages.BUSYBOX, repository, tag).exec();
            TestRegistry.push(client, repository, tag, login);
            client.removeImageCmd(repository + ":" + tag).exec();
            String buildspec = "version: 0.2\nphases:\n  build:\n    commands:\n      - echo private image runs\n";

            var anonymous = new TestBuild(Engines.docker(), work.resolve("a"))
                    .image(repository + ":" + tag)
                    .buildspec(buildspec)
                    .run();
            Path file = work.resolve("logins.json");
            Files.writeString(
                    file,
                    "{\"auths\": {\"" + TestImages.REGISTRY + "\": {\"auth\": \""
                            + Base64.getEncoder().encodeToString(("ci:" + PASSWORD).getBytes(StandardCharsets.UTF_8))
                            + "\"}}}");
            var withLogin = new TestBuild(
                            Engines.docker().withPullCredentials(RegistryCredentials.read(file)), work.resolve("b"))
                    .image(repository + ":" + tag)
                    .buildspec(buildspec)
                    .run();

            assertThat(anonymous.build().buildStatus()).isEqualTo(StatusType.FAULT);
            assertThat(anonymous
                            .phase(PhaseType.PROVISIONING)
                            .orElseThrow()
                            .contexts()
                            .get(0)
                            .message())
                    .contains("pulling it failed")
                    .contains("give its login with --image-pull-credentials FILE");
            assertThat(withLogin.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
            assertThat(withLogin.output()).containsExactly("private image runs");
            assertThat(withLogin.text() + anonymous.text()).doesNotContain(PASSWORD);
        } finally {
            try {
                client.removeImageCmd(repository + ":" + tag).withForce(true).exec();
            } catch (RuntimeException e) {
                // not pulled
            }
            registry.close();
        }
    }
}
