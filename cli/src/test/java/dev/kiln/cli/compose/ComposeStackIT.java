package dev.kiln.cli.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.ComposeStack;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Waits;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.testing.TestEngine;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.Run;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The project's docker-compose.yml, as a team would run it (offline override for this machine): built from the jars
 * Maven packaged, brought up with its health checks, then a push runs a pipeline through it, a build in a container
 * that the containerized build agent starts on the host's engine, and a deploy to a container environment through
 * the containerized deploy agent; more build agents join with {@code --scale}; and it comes down with its volumes.
 */
@Tag("docker")
class ComposeStackIT {
    static final String WEB_IMAGE = "kiln-test/compose-web:1";

    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: bundle
                    type: build
                    image: BUSYBOX
                    outputs: [images]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "building $KILN_COMMIT on $(hostname)"
                            - printf '[{"name":"web","imageUri":"WEB"}]' > imagedefinitions.json
                      artifacts:
                        files: [imagedefinitions.json]
              - name: deploy
                actions:
                  - name: ship
                    type: deploy
                    inputs: [images]
                    environment: web
            """;

    static final String DOCKERFILE = """
            FROM BUSYBOX
            COPY www /www
            HEALTHCHECK --interval=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/index.html || exit 1
            CMD ["/bin/sh", "-c", "trap 'exit 0' TERM; busybox httpd -f -p 8080 -h /www & wait"]
            """;

    @TempDir
    Path dir;

    ComposeStack stack;
    DockerClient docker;

    @AfterEach
    void down() throws Exception {
        if (stack != null) {
            stack.close();
        }
        if (docker != null) {
            for (Container c : deployed()) {
                EngineRace.retrying(() ->
                        docker.removeContainerCmd(c.getId()).withForce(true).exec());
            }
        }
    }

    private List<Container> deployed() {
        return EngineRace.retrying(() -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("kiln.environment-name", "web"))
                .exec());
    }

    @Test
    void a_push_runs_through_the_compose_stack_to_a_deploy() throws Exception {
        DockerEngine engine = TestEngine.shared();
        docker = engine.client();
        TestImages.ensure(docker);
        webImage();
        Path git = dir.resolve("git");
        Files.createDirectories(git);
        stack = ComposeStack.prepare(
                dir.resolve("stack"),
                engine,
                List.of(ComposeStack.root().resolve("cli/src/test/resources/compose/docker-compose.test.yml")),
                Map.of("KILN_TEST_GIT", git.toString(), "KILN_LOG_FORMAT", "json"));

        long start = System.nanoTime();
        stack.up();
        Api api = new Api(stack.apiUrl(), stack.env("KILN_ADMIN_TOKEN"));
        Waits.until(
                Duration.ofSeconds(120),
                "the orchestrator to answer on its published port",
                () -> api.get("/api/v1/health").status() == 200 ? true : null);
        List<Agent> agents = Waits.until(Duration.ofSeconds(120), "a build and a deploy agent to join", () -> {
            List<Agent> list = List.of(api.get("/api/v1/agents").as(Agent[].class));
            return list.size() >= 2 ? list : null;
        });
        double upSeconds = (System.nanoTime() - start) / 1e9;
        assertThat(agents).extracting(Agent::kind).contains(AgentKind.BUILD, AgentKind.DEPLOY);

        // every secret reached its container as a file: none is in any container's description
        for (Container c : EngineRace.retrying(() -> docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", stack.project()))
                .exec())) {
            var config = docker.inspectContainerCmd(c.getId()).exec().getConfig();
            String described = String.join("\n", config.getEnv() == null ? new String[0] : config.getEnv()) + "\n"
                    + String.join(" ", config.getCmd() == null ? new String[0] : config.getCmd());
            assertThat(described).as("docker inspect " + c.getNames()[0]).doesNotContain(stack.secrets());
        }

        Api.Answer env = api.post("/api/v1/environments", """
                {"name": "web", "docker": "unix:///var/run/docker.sock", "ports": ["127.0.0.1::8080"],
                 "healthTimeoutSeconds": 60}""");
        assertThat(env.status()).as(env.body().toString()).isEqualTo(201);
        GitRemote remote = GitRemote.create(git, "web");
        remote.write(
                        ".kiln/pipeline.yml",
                        PIPELINE.replace("BUSYBOX", TestImages.BUSYBOX).replace("WEB", WEB_IMAGE))
                .commitAndPush("the pipeline");
        Api.Answer repo = api.post(
                "/api/v1/repositories",
                "{\"name\": \"web\", \"url\": \"/srv/git/web.git\", \"pollIntervalSeconds\": 1}");
        assertThat(repo.status()).as(repo.body().toString()).isEqualTo(201);
        String commit = remote.write("README.md", "# web\n").commitAndPush("a change");

        Run run = Waits.until(Duration.ofSeconds(240), "the run of " + commit + " to end", () -> {
            for (Run r : api.get("/api/v1/runs").as(Run[].class)) {
                if (r.sourceRevision().equals(commit) && r.endTime() != null) {
                    return api.get("/api/v1/runs/" + r.id()).as(Run.class);
                }
            }
            return null;
        });
        assertThat(run.status()).as(run + "\n" + stack.logs()).isEqualTo(ExecutionStatus.SUCCEEDED);
        String buildJob = "";
        for (Job job : api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)) {
            buildJob = job.stage().equals("build") ? job.id() : buildJob;
        }
        String log = api.get("/api/v1/jobs/" + buildJob + "/log").body().toString();
        assertThat(log).contains("building " + commit);
        assertThat(served()).isEqualTo("served by the compose test");
        assertThat(stack.logs()).doesNotContain(stack.env("KILN_ADMIN_PASSWORD"), stack.env("POSTGRES_PASSWORD"));
        String job = buildJob;
        assertThat(jsonLines(stack.serviceLog("orchestrator")))
                .as("the orchestrator's JSON lines follow the build job")
                .anyMatch(l -> l.path("job").asText().equals(job)
                        && l.path("status").asText().equals(ExecutionStatus.SUCCEEDED.wireName()));
        assertThat(jsonLines(stack.serviceLog("build-agent")))
                .as("the build agent's JSON lines name the job it ran")
                .anyMatch(l -> l.path("job").asText().equals(job)
                        && l.path("run").asText().equals(run.id()));

        stack.compose(Duration.ofMinutes(3), "up", "-d", "--scale", "build-agent=3", "build-agent");
        Waits.until(Duration.ofSeconds(120), "three build agents", () -> {
            long build = List.of(api.get("/api/v1/agents").as(Agent[].class)).stream()
                    .filter(a -> a.kind() == AgentKind.BUILD)
                    .count();
            return build >= 3 ? true : null;
        });
        System.getLogger("compose").log(System.Logger.Level.INFO, "stack up, agents joined: " + upSeconds + " s");
    }

    /** The lines, each of which must be a JSON object (KILN_LOG_FORMAT=json). */
    private static List<JsonNode> jsonLines(List<String> lines) throws java.io.IOException {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        List<JsonNode> nodes = new java.util.ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                JsonNode node = json.readTree(line);
                assertThat(node.isObject()).as(line).isTrue();
                nodes.add(node);
            }
        }
        assertThat(nodes).isNotEmpty();
        return nodes;
    }

    private void webImage() throws Exception {
        Path context = dir.resolve("web-image");
        Files.createDirectories(context.resolve("www"));
        Files.writeString(context.resolve("Dockerfile"), DOCKERFILE.replace("BUSYBOX", TestImages.BUSYBOX));
        Files.writeString(context.resolve("www/index.html"), "served by the compose test\n", StandardCharsets.UTF_8);
        docker.buildImageCmd(context.toFile())
                .withTags(Set.of(WEB_IMAGE))
                .withLabels(Map.of("kiln", "test"))
                .start()
                .awaitImageId();
    }

    private String served() throws Exception {
        List<Container> running = deployed();
        assertThat(running).as("the environment's containers").hasSize(1);
        var ports = docker.inspectContainerCmd(running.get(0).getId())
                .exec()
                .getNetworkSettings()
                .getPorts()
                .getBindings();
        String port = ports.values().iterator().next()[0].getHostPortSpec();
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/index.html"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body()
                .strip();
    }
}
