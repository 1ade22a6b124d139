package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.deploy.testing.ClientKey;
import dev.kiln.deploy.testing.Sshd;
import dev.kiln.orchestrator.server.KilnServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline that builds a revision and deploys it to an environment of three real OpenSSH servers on loopback,
 * through a deploy agent process: success, a failed health check rolled back automatically, a missing
 * environment, and a deploy agent killed mid-deployment.
 */
class DeployPipelineTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PIPELINE = """
            version: 1
            stages:
              - name: build
                actions:
                  - name: package
                    type: build
                    outputs: [app]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "$(cat VERSION)" > deploy/version
                      artifacts:
                        base-directory: deploy
                        files: ['**/*']
              - name: deploy-dev
                actions:
                  - name: ship
                    type: deploy
                    inputs: [app]
                    environment: ENVIRONMENT
            """;

    static final String APPSPEC = """
            version: 0.0
            os: linux
            hooks:
              ApplicationStart:
                - location: scripts/start.sh
                  timeout: 120
              ValidateService:
                - location: scripts/check.sh
                  timeout: 30
            """;

    @TempDir
    Path dir;

    List<Sshd> hosts = new ArrayList<>();
    KilnServer server;
    Api api;
    String token;
    GitRemote remote;
    List<AgentProcess> agents = new ArrayList<>();
    /** The application's health, as the hosts ask it: 503 while any host runs a revision marked sick. */
    HttpServer health;

    @BeforeEach
    void start() throws Exception {
        ClientKey key = ClientKey.make(dir.resolve("client"), "ed25519");
        for (int i = 1; i <= 3; i++) {
            hosts.add(Sshd.start(dir.resolve("host" + i), key));
        }
        server = Runs.server(dir.resolve("data"));
        token = server.newToken("test");
        api = new Api(server.url(), token);
        StringBuilder known = new StringBuilder();
        for (Sshd h : hosts) {
            known.append(h.knownHostsLine()).append('\n');
        }
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("name", "dev");
        env.put("ssh", hosts.stream().map(h -> h.host().toString()).toList());
        env.put("privateKey", key.privateKey());
        env.put("knownHosts", known.toString());
        health = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        health.createContext("/health", exchange -> {
            boolean sick = false;
            for (Sshd h : hosts) {
                Path version = h.home().resolve("app/version");
                sick |= Files.exists(version) && Files.readString(version).contains("sick");
            }
            exchange.sendResponseHeaders(sick ? 503 : 200, -1);
            exchange.close();
        });
        health.start();
        env.put("healthUrl", "http://127.0.0.1:" + health.getAddress().getPort() + "/health");
        env.put("healthTimeoutSeconds", 3);
        Api.Answer added = api.post("/api/v1/environments", JSON.writeValueAsString(env));
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        remote = GitRemote.create(dir, "site");
        remote.write("README.md", "# site\n").commitAndPush("start");
        api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
        agents.add(AgentProcess.start(server.url(), token, dir.resolve("build.log")));
    }

    private AgentProcess deployAgent(String log) throws Exception {
        AgentProcess agent = AgentProcess.startDeploy(server.url(), token, dir.resolve(log));
        agents.add(agent);
        return agent;
    }

    @AfterEach
    void stop() {
        agents.forEach(AgentProcess::close);
        if (health != null) {
            health.stop(0);
        }
        if (server != null) {
            server.close();
        }
        hosts.forEach(Sshd::close);
    }

    private String push(String version, String check, String environment) throws Exception {
        return remote.write("VERSION", version + "\n")
                .write("deploy/appspec.yml", APPSPEC)
                .write(
                        "deploy/scripts/start.sh",
                        "#!/bin/sh\nmkdir -p \"$HOME/app\"\n"
                                + "cp version \"$HOME/app/version\"\necho \"started $(cat version) as $DEPLOYMENT_ID\"\n"
                                + (version.equals("slow") ? "sleep 100\n" : "")
                                + (version.equals("pause") ? "sleep 8\n" : ""))
                .write("deploy/scripts/check.sh", "#!/bin/sh\n" + check + "\n")
                .write(".kiln/pipeline.yml", PIPELINE.replace("ENVIRONMENT", environment))
                .commitAndPush(version);
    }

    private String live(int host) throws Exception {
        return Files.readString(hosts.get(host).home().resolve("app/version")).strip();
    }

    private void awaitLive(int host, String version) throws InterruptedException {
        Waits.until(Duration.ofSeconds(90), version + " to start on host " + (host + 1), () -> {
            try {
                return live(host).equals(version) ? true : null;
            } catch (Exception e) {
                return null;
            }
        });
    }

    private JsonNode deployments() {
        return api.get("/api/v1/deployments?environment=dev").body();
    }

    @Test
    void deploys_then_rolls_a_failed_health_check_back_to_the_last_good_revision() throws Exception {
        {
            deployAgent("deploy.log");
            String v1 = push("v1", "test \"$(cat \"$HOME/app/version\")\" = v1", "dev");
            JsonNode first = Runs.ended(api, v1, Duration.ofSeconds(120));
            assertThat(first.path("status").asText()).as(first.toString()).isEqualTo("Succeeded");
            String good = deployments().get(0).path("id").asText();
            for (int i = 0; i < 3; i++) {
                assertThat(live(i)).isEqualTo("v1");
            }

            String v2 = push("v2-sick", "true", "dev");
            JsonNode second = Runs.ended(api, v2, Duration.ofSeconds(120));

            assertThat(second.path("status").asText()).isEqualTo("Failed");
            String message = second.path("stages")
                    .get(2)
                    .path("actions")
                    .get(0)
                    .path("message")
                    .asText();
            assertThat(message).contains("Failed").contains("rolled back by");
            JsonNode all = Waits.until(Duration.ofSeconds(30), "the rollback to end", () -> {
                JsonNode d = deployments();
                return d.get(0).path("status").asText().equals("Succeeded") ? d : null;
            });
            JsonNode rollback = all.get(0);
            JsonNode failed = all.get(1);
            assertThat(failed.path("status").asText()).isEqualTo("Failed");
            assertThat(failed.path("errorCode").asText()).isEqualTo("HEALTH_CONSTRAINTS");
            assertThat(failed.path("rolledBackBy").asText())
                    .isEqualTo(rollback.path("id").asText());
            assertThat(rollback.path("creator").asText()).isEqualTo("rollback");
            assertThat(rollback.path("redeployOf").asText()).isEqualTo(good);
            for (int i = 0; i < 3; i++) {
                assertThat(live(i)).isEqualTo("v1");
                assertThat(Files.readSymbolicLink(hosts.get(i).home().resolve("kiln/dev/current")))
                        .isEqualTo(Path.of("releases/" + good));
            }
            JsonNode shown =
                    api.get("/api/v1/deployments/" + failed.path("id").asText()).body();
            JsonNode validate = shown.path("hosts").get(0).path("events").get(6);
            assertThat(validate.path("errorCode").asText()).isEqualTo("HealthCheckFailed");
            assertThat(validate.path("message").asText()).contains("/health did not answer 2xx within 3 s");
            assertThat(shown.path("hosts").get(1).path("status").asText()).isEqualTo("Skipped");
            JsonNode env = api.get("/api/v1/environments/dev").body();
            assertThat(env.path("current").path("id").asText())
                    .isEqualTo(rollback.path("id").asText());
            assertThat(env.toString()).doesNotContain("PRIVATE KEY");
            assertThat(Files.readString(dir.resolve("deploy.log"))).doesNotContain("PRIVATE KEY");
        }
    }

    @Test
    void a_stopped_deployment_ends_stopped_skips_the_hosts_not_reached_and_rolls_back() throws Exception {
        deployAgent("deploy.log");
        String v1 = push("v1", "true", "dev");
        assertThat(Runs.ended(api, v1, Duration.ofSeconds(120)).path("status").asText())
                .isEqualTo("Succeeded");
        String good = deployments().get(0).path("id").asText();
        Api.Answer finished = api.post("/api/v1/deployments/" + good + "/stop", "{}");

        String paused = push("pause", "true", "dev");
        awaitLive(0, "pause");
        String stopping = deployments().get(0).path("id").asText();
        Api.Answer stop = api.post("/api/v1/deployments/" + stopping + "/stop", "{}");
        JsonNode run = Runs.ended(api, paused, Duration.ofSeconds(90));
        JsonNode all;
        try {
            all = Waits.until(Duration.ofSeconds(60), "the rollback to end", () -> {
                JsonNode d = deployments();
                return d.get(0).path("creator").asText().equals("rollback")
                                && d.get(0).path("status").asText().equals("Succeeded")
                        ? d
                        : null;
            });
        } catch (AssertionError e) {
            throw new AssertionError(
                    e.getMessage() + "; deployments " + deployments() + "\n"
                            + Files.readString(dir.resolve("deploy.log")),
                    e);
        }

        assertThat(finished.status()).isEqualTo(409);
        assertThat(finished.body().path("error").asText()).contains("only a deployment in progress can be stopped");
        assertThat(stop.status()).as(stop.body().toString()).isEqualTo(202);
        assertThat(run.path("status").asText()).isEqualTo("Failed");
        JsonNode stopped = api.get("/api/v1/deployments/" + stopping).body();
        assertThat(stopped.path("status").asText()).isEqualTo("Stopped");
        assertThat(stopped.path("errorCode").asText()).isEqualTo("MANUAL_STOP");
        assertThat(stopped.path("hosts").get(2).path("status").asText()).isEqualTo("Skipped");
        assertThat(all.get(0).path("redeployOf").asText()).isEqualTo(good);
        for (int i = 0; i < 3; i++) {
            assertThat(live(i)).as("host " + (i + 1)).isEqualTo("v1");
        }
    }

    @Test
    void a_deploy_action_naming_no_environment_fails_saying_how_to_add_it() throws Exception {
        {
            deployAgent("deploy.log");
            String commit = push("v1", "true", "staging");
            JsonNode run = Runs.ended(api, commit, Duration.ofSeconds(120));

            assertThat(run.path("status").asText()).isEqualTo("Failed");
            assertThat(run.path("stages")
                            .get(2)
                            .path("actions")
                            .get(0)
                            .path("message")
                            .asText())
                    .contains("no environment named 'staging'")
                    .contains("kiln environments add staging");
        }
    }

    @Test
    void a_deploy_agent_killed_mid_deployment_leaves_no_host_between_releases() throws Exception {
        {
            AgentProcess deploy = deployAgent("deploy1.log");
            String v1 = push("v1", "true", "dev");
            assertThat(Runs.ended(api, v1, Duration.ofSeconds(120))
                            .path("status")
                            .asText())
                    .isEqualTo("Succeeded");
            String good = deployments().get(0).path("id").asText();

            String slow = push("slow", "true", "dev");
            awaitLive(0, "slow");
            deploy.kill();
            deployAgent("deploy2.log");
            {
                JsonNode run = Runs.ended(api, slow, Duration.ofSeconds(90));
                assertThat(run.path("status").asText()).isEqualTo("Failed");
                JsonNode all = Waits.until(Duration.ofSeconds(60), "the rollback to end", () -> {
                    JsonNode d = deployments();
                    return d.get(0).path("creator").asText().equals("rollback")
                                    && d.get(0).path("status").asText().equals("Succeeded")
                            ? d
                            : null;
                });

                assertThat(all.get(1).path("status").asText()).isEqualTo("Failed");
                assertThat(all.get(1).path("errorCode").asText()).isEqualTo("AGENT_ISSUE");
                assertThat(all.get(0).path("redeployOf").asText()).isEqualTo(good);
                for (int i = 0; i < 3; i++) {
                    assertThat(live(i)).as("host " + (i + 1)).isEqualTo("v1");
                    assertThat(Files.readSymbolicLink(hosts.get(i).home().resolve("kiln/dev/current")))
                            .isEqualTo(Path.of("releases/" + good));
                }
            }
        }
    }
}
