package dev.kiln.cli.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.OpenApiDocument;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code openapi.yaml} is the API's published contract: every route the server has is in it, everything in it is a
 * route, and a live server's answers validate against its schemas (with a build and an approval waiting, so runs,
 * jobs, logs and agents have something to show).
 */
class OpenApiContractTest {
    /** Served outside the JSON API's base URL: Prometheus's text format. */
    private static final List<String> OUTSIDE_THE_API = List.of("GET /metrics");

    static final String PIPELINE = """
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
                          commands:
                            - echo made
                            - printf '<testsuite name="s" tests="1"><testcase classname="c" name="t"/></testsuite>' > r.xml
                      reports:
                        unit: {files: [r.xml], file-format: JUNITXML}
              - name: release
                actions:
                  - {name: go, type: approval, timeout-minutes: 5}
            """;

    @TempDir
    static Path dir;

    static KilnServer server;
    static Api api;
    static AgentProcess agent;
    static String runId;
    static String jobId;
    static final OpenApiDocument DOCUMENT = OpenApiDocument.published();

    @BeforeAll
    static void start() throws Exception {
        server = Runs.server(dir.resolve("data"));
        server.markReady();
        api = new Api(server.url(), server.newToken("contract"));
        agent = AgentProcess.start(server.url(), server.newToken("agent"), dir.resolve("agent.log"));
        GitRemote remote = GitRemote.create(dir, "contract");
        remote.write("README.md", "# contract\n").commitAndPush("start");
        assertThat(api.post(
                                "/api/v1/repositories",
                                "{\"url\": \"" + remote.bare()
                                        + "\", \"name\": \"contract\", \"pollIntervalSeconds\": 1}")
                        .status())
                .isEqualTo(201);
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("pipeline");
        runId = Waits.until(Duration.ofSeconds(90), "the run to wait for its approval", () -> {
            for (JsonNode run : api.get("/api/v1/runs").body()) {
                if (run.path("sourceRevision").asText().equals(commit)
                        && run.path("stages").path(2).path("status").asText().equals("InProgress")) {
                    return run.path("id").asText();
                }
            }
            return null;
        });
        jobId = api.get("/api/v1/runs/" + runId + "/jobs")
                .body()
                .get(0)
                .path("id")
                .asText();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void every_route_is_described_and_every_description_is_a_route() {
        TreeSet<String> served = new TreeSet<>();
        for (String route : server.routes()) {
            if (OUTSIDE_THE_API.contains(route)) {
                continue;
            }
            assertThat(route).as("a route outside /api/v1").contains(" /api/v1/");
            served.add(route.replace(" /api/v1/", " /").replaceAll(":(\\w+)", "{$1}"));
        }
        assertThat(served).as("routes the server has").isNotEmpty();

        assertThat(DOCUMENT.operations())
                .as("openapi.yaml describes every route the server has, and no other")
                .containsExactlyInAnyOrderElementsOf(served);
    }

    @Test
    void answers_of_a_live_server_match_their_schemas() {
        List<String> problems = new ArrayList<>();
        String environment = "{\"name\": \"contract-web\", \"docker\": \"unix:///run/kiln-contract.sock\"}";
        String user = "{\"name\": \"contract-viewer\", \"password\": \"a long enough password\", \"role\": \"viewer\"}";
        check(problems, "POST", "/environments", 201, api.post("/api/v1/environments", environment));
        check(problems, "POST", "/users", 201, api.post("/api/v1/users", user));
        check(
                problems,
                "POST",
                "/agent-tokens",
                201,
                api.post("/api/v1/agent-tokens", "{\"name\": \"contract-agent\"}"));
        check(
                problems,
                "POST",
                "/sessions",
                201,
                api.post(
                        "/api/v1/sessions",
                        "{\"name\": \"contract-viewer\", \"password\": \"a long enough password\"}"));
        check(problems, "GET", "/health", 200, api.get("/api/v1/health"));
        check(problems, "GET", "/me", 200, api.get("/api/v1/me"));
        check(problems, "GET", "/users", 200, api.get("/api/v1/users"));
        check(problems, "GET", "/repositories", 200, api.get("/api/v1/repositories"));
        check(problems, "GET", "/environments", 200, api.get("/api/v1/environments"));
        check(problems, "GET", "/environments/{name}", 200, api.get("/api/v1/environments/contract-web"));
        check(problems, "GET", "/deployments", 200, api.get("/api/v1/deployments"));
        check(problems, "GET", "/pipelines", 200, api.get("/api/v1/pipelines"));
        check(problems, "GET", "/runs", 200, api.get("/api/v1/runs"));
        check(problems, "GET", "/runs/{id}", 200, api.get("/api/v1/runs/" + runId));
        check(problems, "GET", "/runs/{id}/jobs", 200, api.get("/api/v1/runs/" + runId + "/jobs"));
        check(problems, "GET", "/jobs/{id}/log", 200, api.get("/api/v1/jobs/" + jobId + "/log"));
        check(problems, "GET", "/jobs/{id}/reports", 200, api.get("/api/v1/jobs/" + jobId + "/reports"));
        check(problems, "GET", "/agents", 200, api.get("/api/v1/agents"));
        check(problems, "GET", "/runs/{id}", 404, api.get("/api/v1/runs/r-missing"));
        check(
                problems,
                "POST",
                "/runs/{id}/approval",
                200,
                api.post("/api/v1/runs/" + runId + "/approval", "{\"stage\": \"release\", \"approved\": true}"));
        check(problems, "POST", "/runs", 201, api.post("/api/v1/runs", "{\"pipeline\": \"contract\"}"));

        assertThat(problems).as("answers that do not match openapi.yaml").isEmpty();
    }

    /** Checks one answer against the document: its status is one the document gives, and its body the schema. */
    private static void check(List<String> problems, String method, String path, int expected, Api.Answer answer) {
        String call = method + " " + path;
        if (answer.status() != expected) {
            problems.add(call + " answered " + answer.status() + " (expected " + expected + "): " + answer.body());
            return;
        }
        Optional<JsonSchema> schema = DOCUMENT.answer(method, path, expected);
        if (schema.isEmpty()) {
            problems.add(call + " answers " + expected + " with JSON, but openapi.yaml gives no schema for it");
            return;
        }
        for (String problem : OpenApiDocument.problems(schema.get(), answer.body())) {
            problems.add(call + " " + expected + ": " + problem);
        }
    }
}
