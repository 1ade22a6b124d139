package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.KilnMain;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Closer;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.NetworkNamespaces;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.UpProcess;
import dev.kiln.cli.testing.Waits;
import dev.kiln.kit.testing.TestEngine;
import dev.kiln.kit.testing.TestImages;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.access.Tokens;
import dev.kiln.orchestrator.server.EmbeddedObjectStore;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.server.ServerSettings;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.testing.TestPostgres;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Build agents in network namespaces, as on other machines: each has its own address and reaches the orchestrator
 * and the object store over a veth pair and a bridge, never over loopback. A run's artifact goes from one agent to
 * the next through the object store; an admin drains one agent (the next run's jobs all go to the other) and removes
 * it (its process stops).
 */
@Tag("docker")
class NamespaceAgentsTest {
    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: make
                    type: build
                    image: BUSYBOX
                    outputs: [app]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "made for $KILN_COMMIT" > app.txt
                      artifacts:
                        files: [app.txt]
              - name: test
                actions:
                  - name: check
                    type: build
                    image: BUSYBOX
                    inputs: [app]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - cat app.txt
            """;

    @TempDir
    Path dir;

    private final Closer open = new Closer();

    @AfterEach
    void stopEverything() throws Exception {
        open.closeAll();
    }

    @Test
    void agents_on_other_hosts_build_through_the_api_and_the_store_and_an_admin_drains_and_removes_one()
            throws Exception {
        TestImages.ensure(TestEngine.shared().client());
        NetworkNamespaces hosts = NetworkNamespaces.create(2);
        open.add(hosts);
        String address = hosts.hostAddress();
        String s3Secret = Tokens.generate();
        int s3Port = UpProcess.freePort();
        open.add(EmbeddedObjectStore.serve(dir.resolve("objects"), address, s3Port, "kiln-ns", s3Secret));
        Database database = TestPostgres.freshDatabase();
        KilnServer server = KilnServer.start(
                new ServerSettings(
                        address,
                        0,
                        dir.resolve("data"),
                        1,
                        0,
                        Optional.of(database.jdbcUrl()),
                        Optional.of("http://" + address + ":" + s3Port + "/kiln"),
                        Optional.of("kiln-ns"),
                        Optional.of(s3Secret)),
                line -> {});
        open.add(server);
        server.markReady();
        assertThat(URI.create(server.url()).getHost()).isEqualTo(address);
        String token = server.newToken("test");
        Api api = new Api(server.url(), token);
        String agentToken = server.newToken("ns-agents", Role.AGENT);
        AgentProcess first =
                AgentProcess.startIn(hosts.namespace(1), server.url(), agentToken, dir.resolve("a1.log"), "ns-agent-1");
        open.add(first);
        AgentProcess second =
                AgentProcess.startIn(hosts.namespace(2), server.url(), agentToken, dir.resolve("a2.log"), "ns-agent-2");
        open.add(second);
        JsonNode agents = Waits.until(Duration.ofSeconds(60), "both agents to join from their namespaces", () -> {
            JsonNode list = api.get("/api/v1/agents").body();
            return list.size() == 2 ? list : null;
        });
        String firstId = idOf(agents, "ns-agent-1");
        String secondId = idOf(agents, "ns-agent-2");

        GitRemote remote = GitRemote.create(dir, "across");
        remote.write("README.md", "# across\n").commitAndPush("start");
        assertThat(api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}")
                        .status())
                .isEqualTo(201);
        String one = remote.write(".kiln/pipeline.yml", PIPELINE.replace("BUSYBOX", TestImages.BUSYBOX))
                .commitAndPush("the pipeline");
        JsonNode runOne = Runs.ended(api, one, Duration.ofSeconds(120));
        assertThat(runOne.path("status").asText()).as(runOne.toString()).isEqualTo("Succeeded");
        assertThat(log(api, runOne, "test")).contains("made for " + one);

        Api.Answer badDrain = api.post("/api/v1/agents/" + firstId + "/drain", "{\"drain\": \"yes\"}");
        assertThat(badDrain.status()).isEqualTo(400);
        assertThat(badDrain.body().path("error").asText()).contains("drain");
        assertThat(api.post("/api/v1/agents/nobody/drain", "{}").status()).isEqualTo(404);
        assertThat(KilnMain.execute("agents", "drain", "ns-agent-9", "--server", server.url(), "--token", token))
                .as("an unknown agent")
                .isEqualTo(2);
        assertThat(KilnMain.execute("agents", "drain", "ns-agent-1", "--server", server.url(), "--token", token))
                .isZero();
        assertThat(api.get("/api/v1/agents").body().findValuesAsText("draining"))
                .containsExactlyInAnyOrder("true", "false");
        String two = remote.write("README.md", "# across, again\n").commitAndPush("again");
        JsonNode runTwo = Runs.ended(api, two, Duration.ofSeconds(120));
        assertThat(runTwo.path("status").asText()).as(runTwo.toString()).isEqualTo("Succeeded");
        Set<String> agentsOfTwo = new HashSet<>();
        for (JsonNode job :
                api.get("/api/v1/runs/" + runTwo.path("id").asText() + "/jobs").body()) {
            agentsOfTwo.add(job.path("agent").asText());
        }
        assertThat(agentsOfTwo).as("the drained agent got no job").containsExactly(secondId);

        Api.Answer removed = api.send("DELETE", "/api/v1/agents/" + firstId, null, java.util.Map.of());
        assertThat(removed.status()).as(removed.body().toString()).isEqualTo(200);
        assertThat(first.endsWithin(Duration.ofSeconds(40)))
                .as("the removed agent's process ends")
                .isTrue();
        assertThat(Files.readString(first.log())).contains("removed by an admin");
        JsonNode left = api.get("/api/v1/agents").body();
        assertThat(left.findValuesAsText("name")).containsExactly("ns-agent-2");
    }

    private static String idOf(JsonNode agents, String name) {
        for (JsonNode agent : agents) {
            if (agent.path("name").asText().equals(name)) {
                return agent.path("id").asText();
            }
        }
        throw new AssertionError("no agent named " + name + " in " + agents);
    }

    private static String log(Api api, JsonNode run, String stage) {
        StringBuilder out = new StringBuilder();
        for (JsonNode job :
                api.get("/api/v1/runs/" + run.path("id").asText() + "/jobs").body()) {
            if (job.path("stage").asText().equals(stage)) {
                out.append(api.get("/api/v1/jobs/" + job.path("id").asText() + "/log")
                        .body());
            }
        }
        return out.toString();
    }
}
