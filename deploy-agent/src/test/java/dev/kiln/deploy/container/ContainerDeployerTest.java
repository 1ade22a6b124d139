package dev.kiln.deploy.container;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.engine.Labels;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.kit.testing.TestEngine;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.kit.testing.TestRegistry;
import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.deploy.ContainerTarget;
import dev.kiln.model.deploy.DeploymentConfig;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.PortMapping;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container deployments against the local engine, with images built here and a real registry. */
@Tag("docker")
class ContainerDeployerTest {
    private static DockerEngine engine;
    private static String good1;
    private static String good2;
    private static String broken;

    private final String environmentId = "env-" + UUID.randomUUID().toString().substring(0, 8);
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path work;

    @BeforeAll
    static void images() throws IOException {
        engine = TestEngine.shared();
        DockerClient client = engine.client();
        good1 = "kiln-test/service:good-1";
        good2 = "kiln-test/service:good-2";
        broken = "kiln-test/service:broken";
        ServiceImages.build(client, good1, "version one", true);
        ServiceImages.build(client, good2, "version two", true);
        ServiceImages.build(client, broken, "never healthy", false);
    }

    @AfterEach
    void removeContainers() {
        for (Container c : containers(true)) {
            EngineRace.retrying(() -> engine.client()
                    .removeContainerCmd(c.getId())
                    .withForce(true)
                    .exec());
        }
    }

    @Test
    void the_new_container_replaces_the_old_once_its_healthcheck_passes() throws Exception {
        ContainerTarget target = target(List.of("127.0.0.1::8080"), "");

        DeploymentReport first = deploy("d-1", target, good1);
        String firstUrl = url(only());
        DeploymentReport second = deploy("d-2", target, good2);

        assertThat(first.status().wireName()).isEqualTo("Succeeded");
        assertThat(second.status().wireName()).as(String.join("\n", log)).isEqualTo("Succeeded");
        assertThat(second.hosts().get(0).events())
                .extracting(e -> e.event() + " " + e.status())
                .containsExactly(
                        "PullImage Succeeded",
                        "StartContainer Succeeded",
                        "HealthCheck Succeeded",
                        "StopOldContainer Succeeded");
        Container live = only();
        assertThat(live.getLabels())
                .containsEntry(Labels.KILN, "true")
                .containsEntry("kiln.deployment-id", "d-2")
                .containsEntry("team", "shop");
        assertThat(get(url(live))).isEqualTo("version two");
        assertThat(url(live)).isNotEqualTo(firstUrl);
        assertThat(log).anyMatch(l -> l.startsWith("health check: the image's HEALTHCHECK"));
        assertThat(log).anyMatch(l -> l.startsWith("stopped and removed kiln-dev-web-d-1"));
        assertThat(String.join("\n", log)).doesNotContain("s3cret-value");
        String env = String.join(
                " ",
                engine.client()
                        .inspectContainerCmd(live.getId())
                        .exec()
                        .getConfig()
                        .getEnv());
        assertThat(env).contains("GREETING=s3cret-value");
    }

    @Test
    void a_new_container_that_never_becomes_healthy_is_removed_and_the_old_keeps_serving() throws Exception {
        ContainerTarget target = target(List.of("127.0.0.1::8080"), "");
        deploy("d-1", target, good1);
        String before = url(only());

        DeploymentReport failed = deploy("d-2", target, broken);

        assertThat(failed.status().wireName()).isEqualTo("Failed");
        assertThat(failed.errorCode()).isEqualTo("HEALTH_CONSTRAINTS");
        assertThat(failed.message()).contains("not healthy within 6 s").contains("HEALTHCHECK exited");
        assertThat(failed.hosts().get(0).events())
                .extracting(e -> e.event() + " " + e.status())
                .containsExactly(
                        "PullImage Succeeded",
                        "StartContainer Succeeded",
                        "HealthCheck Failed",
                        "StopOldContainer Skipped");
        assertThat(only().getLabels()).containsEntry("kiln.deployment-id", "d-1");
        assertThat(url(only())).isEqualTo(before);
        assertThat(get(before)).isEqualTo("version one");
        assertThat(log).anyMatch(l -> l.startsWith("removed the new container kiln-dev-web-d-2"));
    }

    @Test
    void a_fixed_host_port_stops_the_old_container_first_and_brings_it_back_on_failure() throws Exception {
        int port = 18000 + (int) (Math.random() * 1000);
        ContainerTarget target = target(List.of("127.0.0.1:" + port + ":8080"), "http://localhost:8080/");
        deploy("d-1", target, good1);

        DeploymentReport failed = deploy("d-2", target, "kiln-test/busybox:1");
        DeploymentReport replaced = deploy("d-3", target, good2);

        assertThat(failed.status().wireName()).isEqualTo("Failed");
        assertThat(failed.message()).contains("the container exited");
        assertThat(log)
                .anyMatch(l -> l.contains("cannot serve two containers: stopping the old kiln-dev-web-d-1 first"))
                .anyMatch(l -> l.startsWith("started the old container kiln-dev-web-d-1 again"))
                .anyMatch(l -> l.startsWith("health URL http://localhost:8080/ is asked at http://127.0.0.1:" + port));
        assertThat(replaced.status().wireName()).as(String.join("\n", log)).isEqualTo("Succeeded");
        assertThat(only().getLabels()).containsEntry("kiln.deployment-id", "d-3");
        assertThat(get("http://127.0.0.1:" + port + "/")).isEqualTo("version two");
    }

    @Test
    void an_image_is_pulled_from_its_registry_and_a_missing_one_fails_the_deployment() throws Exception {
        String repository = TestImages.REGISTRY + "/kiln-test/service";
        String tag = Long.toString(System.nanoTime());
        TestRegistry registry = TestRegistry.start(work.resolve("registry"));
        try {
            engine.client().tagImageCmd(good1, repository, tag).exec();
            TestRegistry.push(engine.client(), repository, tag, null);
            engine.client().removeImageCmd(repository + ":" + tag).exec();
            ContainerTarget target = target(List.of("127.0.0.1::8080"), "");

            DeploymentReport pulled = deploy("d-1", target, repository + ":" + tag);
            DeploymentReport missing = deploy("d-2", target, repository + ":no-such-tag");

            assertThat(pulled.status().wireName()).as(String.join("\n", log)).isEqualTo("Succeeded");
            assertThat(get(url(only()))).isEqualTo("version one");
            assertThat(missing.status().wireName()).isEqualTo("Failed");
            assertThat(missing.errorCode()).isEqualTo("IMAGE_PULL_FAILED");
            assertThat(missing.message()).contains("pulling " + repository + ":no-such-tag failed");
            assertThat(only().getLabels()).containsEntry("kiln.deployment-id", "d-1");
        } finally {
            engine.client()
                    .removeImageCmd(repository + ":" + tag)
                    .withForce(true)
                    .exec();
        }
    }

    @Test
    void several_image_definitions_need_the_environment_to_name_its_container() {
        ContainerTarget target = target(List.of(), "");
        DeploymentReport report = new ContainerDeployer(
                        spec("d-1", target),
                        List.of(new ImageDefinition("web", good1), new ImageDefinition("worker", good2)),
                        RegistryCredentials.none(),
                        () -> false)
                .run(log::add);
        assertThat(report.errorCode()).isEqualTo("INVALID_REVISION");
        assertThat(report.message()).contains("lists web, worker").contains("--container NAME");
    }

    @Test
    void an_unreachable_engine_fails_saying_which() {
        ContainerTarget target = new ContainerTarget(
                "unix://" + work.resolve("no.sock"), "", List.of(), Map.of(), List.of(), "", Map.of(), "", 5);
        DeploymentReport report = new ContainerDeployer(
                        spec("d-1", target),
                        List.of(new ImageDefinition("web", good1)),
                        RegistryCredentials.none(),
                        () -> false)
                .run(log::add);
        assertThat(report.errorCode()).isEqualTo("ENGINE_UNAVAILABLE");
        assertThat(report.message()).contains("no.sock").contains("no such socket");
    }

    private DeploymentReport deploy(String id, ContainerTarget target, String image) {
        log.add("---- " + id);
        return new ContainerDeployer(
                        spec(id, target),
                        List.of(new ImageDefinition("web", image)),
                        RegistryCredentials.none(),
                        () -> false)
                .run(log::add);
    }

    private DeploymentSpec spec(String id, ContainerTarget target) {
        return new DeploymentSpec(
                id,
                "shop",
                "dev",
                environmentId,
                "0123abcd",
                DeploymentCreator.PIPELINE,
                DeploymentConfig.of("AllAtOnce", null),
                null,
                target,
                "");
    }

    private ContainerTarget target(List<String> ports, String healthUrl) {
        return new ContainerTarget(
                engine.host(),
                "",
                ports.stream().map(PortMapping::parse).toList(),
                Map.of("GREETING", "s3cret-value"),
                List.of(),
                "",
                Map.of("team", "shop"),
                healthUrl,
                6);
    }

    private List<Container> containers(boolean all) {
        return EngineRace.retrying(() -> engine.client()
                .listContainersCmd()
                .withShowAll(all)
                .withLabelFilter(Map.of("kiln.environment", environmentId))
                .exec());
    }

    /** The one running container of the environment; fails when there are more or none. */
    private Container only() {
        List<Container> all = containers(true);
        assertThat(all).as("containers of the environment").hasSize(1);
        assertThat(all.get(0).getState()).isEqualTo("running");
        return all.get(0);
    }

    private String url(Container c) {
        var ports = engine.client()
                .inspectContainerCmd(c.getId())
                .exec()
                .getNetworkSettings()
                .getPorts();
        var binding = ports.getBindings().get(ExposedPort.tcp(8080))[0];
        return "http://127.0.0.1:" + binding.getHostPortSpec() + "/";
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().strip();
    }
}
