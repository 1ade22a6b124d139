package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.testing.TestEngine;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.kit.testing.TestRegistry;
import dev.kiln.orchestrator.server.KilnServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline whose privileged build makes an image and pushes it to a real registry, then, after an approval,
 * deploys it to a container environment on the local engine through a deploy agent; a revision that never becomes
 * healthy is rolled back to the last good image.
 */
@Tag("docker")
class ContainerDeployPipelineTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: image
                    type: build
                    privileged: true
                    outputs: [images]
                    buildspec:
                      version: 0.2
                      env:
                        variables:
                          REPOSITORY: REGISTRY/kiln-test/shop-web
                      phases:
                        build:
                          commands:
                            - docker build -q -t "$REPOSITORY:$KILN_COMMIT" . > /dev/null
                            - docker push "$REPOSITORY:$KILN_COMMIT" > /dev/null
                        post_build:
                          commands:
                            - printf '[{"name":"web","imageUri":"%s"}]' "$REPOSITORY:$KILN_COMMIT" > imagedefinitions.json
                      artifacts:
                        files: [imagedefinitions.json]
              - name: approve
                actions:
                  - {name: release, type: approval}
              - name: deploy-prod
                actions:
                  - name: ship
                    type: deploy
                    inputs: [images]
                    environment: prod
            """;

    static final String DOCKERFILE = """
            FROM BUSYBOX
            COPY www /www
            HEALTHCHECK --interval=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/ok.txt || exit 1
            CMD ["/bin/sh", "-c", "trap 'exit 0' TERM; busybox httpd -f -p 8080 -h /www & wait"]
            """;

    @TempDir
    Path dir;

    KilnServer server;
    Api api;
    GitRemote remote;
    TestRegistry registry;
    DockerClient docker;
    String environmentId;
    List<AgentProcess> agents = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        docker = TestEngine.shared().client();
        registry = TestRegistry.start(dir.resolve("registry"));
        server = Runs.server(dir.resolve("data"));
        String token = server.newToken("test");
        api = new Api(server.url(), token);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "prod");
        env.put("docker", TestEngine.shared().host());
        env.put("ports", List.of("127.0.0.1::8080"));
        env.put("env", Map.of("SHOP_SECRET", "s3cret-in-env"));
        env.put("healthTimeoutSeconds", 8);
        Api.Answer added = api.post("/api/v1/environments", JSON.writeValueAsString(env));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        environmentId = added.body().path("id").asText();
        remote = GitRemote.create(dir, "shop");
        remote.write("README.md", "# shop\n").commitAndPush("start");
        api.post(
                "/api/v1/repositories",
                "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1, \"allow\": [\"privileged\"]}");
        agents.add(AgentProcess.start("docker", server.url(), token, dir.resolve("build.log")));
        agents.add(AgentProcess.startDeploy(server.url(), token, dir.resolve("deploy.log")));
    }

    @AfterEach
    void stop() {
        agents.forEach(AgentProcess::close);
        if (server != null) {
            server.close();
        }
        if (registry != null) {
            registry.close();
        }
        for (Container c : containers()) {
            EngineRace.retrying(
                    () -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    private List<Container> containers() {
        return EngineRace.retrying(() -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("kiln.environment", environmentId == null ? "none" : environmentId))
                .exec());
    }

    private String push(String body, boolean healthy) throws Exception {
        remote.write("Dockerfile", DOCKERFILE.replace("BUSYBOX", TestImages.BUSYBOX))
                .write("www/index.html", body + "\n")
                .write(".kiln/pipeline.yml", PIPELINE.replace("REGISTRY", TestImages.REGISTRY));
        if (healthy) {
            remote.write("www/ok.txt", "ok\n");
        } else {
            remote.delete("www/ok.txt");
        }
        return remote.commitAndPush(body);
    }

    private JsonNode approveAndWait(String commit) throws Exception {
        String id = Waits.until(Duration.ofSeconds(180), "the run of " + commit + " to wait for its approval", () -> {
            for (JsonNode run : api.get("/api/v1/runs").body()) {
                if (run.path("sourceRevision").asText().equals(commit)) {
                    run = api.get("/api/v1/runs/" + run.path("id").asText()).body();
                    if (!run.path("endTime").isNull()) {
                        throw new AssertionError("the run ended before its approval: " + run);
                    }
                    JsonNode approval =
                            run.path("stages").get(2).path("actions").get(0);
                    return approval.path("status").asText().equals("InProgress")
                            ? run.path("id").asText()
                            : null;
                }
            }
            return null;
        });
        Api.Answer approved =
                api.post("/api/v1/runs/" + id + "/approval", "{\"stage\": \"approve\", \"approved\": true}");
        assertThat(approved.status())
                .as(approved.body() + " " + api.get("/api/v1/runs/" + id).body())
                .isEqualTo(200);
        return Runs.ended(api, commit, Duration.ofSeconds(120));
    }

    private String served() throws Exception {
        List<Container> running = containers();
        assertThat(running).as("the environment's containers").hasSize(1);
        var ports = docker.inspectContainerCmd(running.get(0).getId())
                .exec()
                .getNetworkSettings()
                .getPorts()
                .getBindings();
        String port = ports.values().iterator().next()[0].getHostPortSpec();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .strip();
    }

    @Test
    void an_approved_image_goes_live_and_an_unhealthy_one_is_rolled_back() throws Exception {
        String v1 = push("version one", true);
        JsonNode first = approveAndWait(v1);
        assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("Succeeded");
        assertThat(served()).isEqualTo("version one");

        String v2 = push("version two, sick", false);
        JsonNode second = approveAndWait(v2);

        assertThat(second.path("status").asText()).isEqualTo("Failed");
        JsonNode deployments = Waits.until(Duration.ofSeconds(60), "the rollback to end", () -> {
            JsonNode d = api.get("/api/v1/deployments?environment=prod").body();
            return d.get(0).path("creator").asText().equals("rollback")
                            && d.get(0).path("status").asText().equals("Succeeded")
                    ? d
                    : null;
        });
        assertThat(deployments.get(1).path("errorCode").asText()).isEqualTo("HEALTH_CONSTRAINTS");
        assertThat(served()).isEqualTo("version one");
        JsonNode shown = api.get(
                        "/api/v1/deployments/" + deployments.get(1).path("id").asText())
                .body();
        assertThat(shown.path("hosts")
                        .get(0)
                        .path("events")
                        .get(2)
                        .path("errorCode")
                        .asText())
                .isEqualTo("HealthCheckFailed");
        JsonNode env = api.get("/api/v1/environments/prod").body();
        assertThat(env.path("settings").path("docker").path("envNames").get(0).asText())
                .isEqualTo("SHOP_SECRET");
        assertThat(env.toString()).doesNotContain("s3cret-in-env");
        assertThat(Files.readString(dir.resolve("deploy.log"))).doesNotContain("s3cret-in-env");
    }
}
