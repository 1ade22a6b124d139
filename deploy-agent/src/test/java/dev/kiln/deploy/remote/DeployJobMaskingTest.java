package dev.kiln.deploy.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.kit.SecretMasker;
import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.deploy.ContainerTarget;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentOrder;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.SshTarget;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** A deploy job's log never shows the secrets its order carries. */
class DeployJobMaskingTest {
    private static final String KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n" + "-----END OPENSSH PRIVATE KEY-----\n";

    @Test
    void the_ssh_key_and_the_containers_variables_are_masked() {
        SecretMasker ssh =
                DeployJob.masker(order(new SshTarget(List.of(), KEY, List.of(), false, "/srv", "", 10, 3), null));
        SecretMasker container = DeployJob.masker(order(
                null,
                new ContainerTarget(
                        "unix:///run/engine.sock",
                        "shop",
                        List.of(),
                        Map.of("DB_PASSWORD", "hunter2-in-prod"),
                        List.of(),
                        "",
                        Map.of(),
                        "",
                        10)));

        assertThat(ssh.apply("b3BlbnNzaC1rZXktdjEAAAAA")).isEqualTo("***");
        assertThat(ssh.apply("-----BEGIN OPENSSH PRIVATE KEY-----")).isEqualTo("***");
        assertThat(container.apply("hook printed hunter2-in-prod")).isEqualTo("hook printed ***");
        assertThat(container.apply("DB_PASSWORD is set")).isEqualTo("DB_PASSWORD is set");
    }

    private static DeploymentOrder order(@Nullable SshTarget ssh, @Nullable ContainerTarget container) {
        return new DeploymentOrder(
                new DeploymentSpec(
                        "d-1",
                        "shop",
                        "prod",
                        "e-1",
                        "abc",
                        DeploymentCreator.PIPELINE,
                        DeploymentConfig.ONE_AT_A_TIME,
                        ssh,
                        container,
                        ""),
                "rev.zip",
                "http://127.0.0.1:9/kiln/rev.zip?X-Amz-Signature=0");
    }
}
