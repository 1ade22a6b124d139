package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.api.AgentTokenInfo;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.Login;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.model.api.Run;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users, logins and roles through the API of a real orchestrator. */
class AccessTest {
    @TempDir
    Path dir;

    KilnServer server;

    /** A client with a new agent token, made by {@code admin} as {@code request} asks. */
    private Api withAgentToken(Api admin, String request) {
        return new Api(
                server.url(),
                admin.post("/api/v1/agent-tokens", request).as(AgentToken.class).token());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void each_role_may_do_what_it_covers_and_no_more() throws Exception {
        server = Runs.server(dir.resolve("data"));
        Api admin = new Api(server.url(), server.newToken("admin"));
        assertThat(admin.post("/api/v1/users", user("olga", "operator's passphrase", "operator"))
                        .status())
                .isEqualTo(201);
        assertThat(admin.post("/api/v1/users", user("vic", "viewer's passphrase", "viewer"))
                        .status())
                .isEqualTo(201);
        Api operator = new Api(server.url(), login("olga", "operator's passphrase"));
        Api viewer = new Api(server.url(), login("vic", "viewer's passphrase"));

        assertThat(viewer.get("/api/v1/me").as(Principal.class).role()).isEqualTo(Role.VIEWER);
        assertThat(viewer.get("/api/v1/runs").status()).isEqualTo(200);
        Api.Answer start = viewer.post("/api/v1/runs", "{\"pipeline\": \"none\"}");
        assertThat(start.status()).isEqualTo(403);
        assertThat(start.error()).isEqualTo("vic is a viewer; POST /api/v1/runs needs an operator" + " or an admin");
        // an operator gets past the role check to the call's own answer: no such pipeline
        assertThat(operator.post("/api/v1/runs", "{\"pipeline\": \"none\"}").status())
                .isEqualTo(404);
        Api.Answer repo = operator.post("/api/v1/repositories", "{\"url\": \"/tmp/x\"}");
        assertThat(repo.status()).isEqualTo(403);
        assertThat(repo.error()).contains("needs an admin");
        assertThat(operator.get("/api/v1/users").status()).isEqualTo(403);
        // the role is decided on the path the router matches, however the request spells it
        for (String spelling : List.of(
                "/api/v1//users",
                "//api/v1/users",
                "/api/v1/%2E%2E/v1/users",
                "/api/v1/u%73ers",
                "/api/v1/x/../users",
                "/api/v1/./users",
                "/api/v1/users/",
                "/api//v1///users")) {
            Api.Answer answer = viewer.get(spelling);
            assertThat(answer.status()).as("GET " + spelling + " as a viewer").isIn(403, 404);
            assertThat(answer.body().toString()).as(spelling).doesNotContain("olga");
        }
        assertThat(viewer.post("/api/v1//repositories", "{\"url\": \"/tmp/x\"}").status())
                .isIn(403, 404);
        JsonNode users = admin.get("/api/v1/users").body();
        assertThat(users.toString()).contains("olga", "vic").doesNotContain("passphrase", "pbkdf2");

        // logging out ends the token; removing a user ends its logins
        assertThat(operator.send("DELETE", "/api/v1/sessions", null, java.util.Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(operator.get("/api/v1/runs").status()).isEqualTo(401);
        assertThat(admin.send("DELETE", "/api/v1/users/vic", null, java.util.Map.of())
                        .status())
                .isEqualTo(200);
        assertThat(viewer.get("/api/v1/runs").status()).isEqualTo(401);
    }

    @Test
    void an_agent_token_runs_builds_and_may_do_nothing_else() throws Exception {
        server = Runs.server(dir.resolve("data"));
        Api admin = new Api(server.url(), server.newToken("admin"));
        Api.Answer made = admin.post("/api/v1/agent-tokens", "{\"name\": \"build-host-1\"}");
        assertThat(made.status()).isEqualTo(201);
        assertThat(made.as(AgentToken.class).role()).isEqualTo(Role.AGENT);
        String token = made.as(AgentToken.class).token();
        Api agentToken = new Api(server.url(), token);
        Api.Answer reading = agentToken.get("/api/v1/runs");
        assertThat(reading.status()).isEqualTo(403);
        assertThat(reading.error()).isEqualTo("build-host-1 is an agent; GET /api/v1/runs needs a viewer or an admin");
        server.addUser("vic", "viewer's passphrase", Role.VIEWER);
        Api viewer = new Api(server.url(), login("vic", "viewer's passphrase"));
        assertThat(viewer.send("PUT", "/api/v1/agents/a1", "{}", java.util.Map.of())
                        .error())
                .contains("needs an agent or an admin");
        assertThat(admin.post("/api/v1/users", user("bot", "long enough pass", "agent"))
                        .error())
                .contains("kiln agents tokens create");

        GitRemote remote = GitRemote.create(dir, "shop");
        remote.write("README.md", "# shop\n").commitAndPush("start");
        admin.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
        AgentProcess agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"));
        try {
            String commit = remote.write(".kiln/pipeline.yml", """
                            version: 1
                            stages:
                              - name: build
                                actions:
                                  - name: compile
                                    type: build
                                    buildspec:
                                      version: 0.2
                                      phases:
                                        build:
                                          commands: [echo built by an agent token]
                            """).commitAndPush("a pipeline");
            Run run = Runs.endedRun(admin, commit, Duration.ofSeconds(90));
            assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);

            // an agent belongs to the token it said hello with: another agent token cannot speak for it
            String agentId = admin.get("/api/v1/agents").as(Agent[].class)[0].id();
            String job = admin.get("/api/v1/runs/" + run.id() + "/jobs")
                    .as(Job[].class)[0]
                    .id();
            Api other = withAgentToken(admin, "{\"name\": \"build-host-2\"}");
            Api.Answer hello = other.send(
                    "PUT",
                    "/api/v1/agents/" + agentId,
                    "{\"name\": \"x\", \"kind\": \"build\", \"labels\": [], \"maxJobs\": 1, \"running\": []}",
                    java.util.Map.of());
            assertThat(hello.status()).isEqualTo(403);
            assertThat(hello.error()).contains("said hello with another token");
            assertThat(other.post("/api/v1/agents/" + agentId + "/heartbeat", "{\"running\": []}")
                            .status())
                    .as("another token may not take the agent's stop orders")
                    .isEqualTo(403);
            java.util.Map<String, String> as = java.util.Map.of("X-Kiln-Agent", agentId);
            String lines = "{\"firstLine\": 0, \"lines\": [\"forged\"]}";
            assertThat(other.send("POST", "/api/v1/jobs/" + job + "/log", lines, as)
                            .status())
                    .isEqualTo(403);
            // nor may an agent of its own add to a job another agent held
            assertThat(other.send(
                                    "PUT",
                                    "/api/v1/agents/bystander",
                                    "{\"name\": \"b\", \"kind\": \"build\", \"labels\": [], \"maxJobs\": 1,"
                                            + " \"running\": []}",
                                    java.util.Map.of())
                            .status())
                    .isEqualTo(200);
            assertThat(other.send(
                                    "POST",
                                    "/api/v1/jobs/" + job + "/log",
                                    lines,
                                    java.util.Map.of("X-Kiln-Agent", "bystander"))
                            .status())
                    .isEqualTo(409);
            assertThat(admin.get("/api/v1/jobs/" + job + "/log").body().toString())
                    .doesNotContain("forged");

            // a token is for one kind of agent: a build token cannot say hello as a deploy agent
            Api.Answer asDeployer = other.send(
                    "PUT",
                    "/api/v1/agents/sneaky",
                    "{\"name\": \"x\", \"kind\": \"deploy\", \"labels\": [], \"maxJobs\": 1, \"running\": []}",
                    java.util.Map.of());
            assertThat(asDeployer.status()).isEqualTo(403);
            assertThat(asDeployer.error())
                    .isEqualTo("this token is for build agents, not deploy agents; make one for them:"
                            + " kiln agents tokens create NAME --kind deploy");
            // and to the labels it names: its agents claim those or fewer
            Api labelled = withAgentToken(admin, "{\"name\": \"linux-only\", \"labels\": [\"linux\"]}");
            Api.Answer gpu = labelled.send(
                    "PUT",
                    "/api/v1/agents/claims-gpu",
                    "{\"name\": \"x\", \"kind\": \"build\", \"labels\": [\"linux\", \"gpu\"], \"maxJobs\": 1,"
                            + " \"running\": []}",
                    java.util.Map.of());
            assertThat(gpu.status()).isEqualTo(403);
            assertThat(gpu.error()).startsWith("this token's agents may not claim the label gpu (it allows linux)");
            assertThat(labelled.send(
                                    "PUT",
                                    "/api/v1/agents/linux-1",
                                    "{\"name\": \"x\", \"kind\": \"build\", \"labels\": [\"linux\"], \"maxJobs\": 1,"
                                            + " \"running\": []}",
                                    java.util.Map.of())
                            .status())
                    .isEqualTo(200);
            assertThat(admin.post("/api/v1/agent-tokens", "{\"name\": \"l2\", \"labels\": [\"a b\"]}")
                            .error())
                    .startsWith("field labels: 'a b' is not a label");
            assertThat(admin.send("DELETE", "/api/v1/agent-tokens/linux-only", null, java.util.Map.of())
                            .status())
                    .isEqualTo(200);
            Api.Answer deployer = admin.post(
                    "/api/v1/agent-tokens",
                    "{\"name\": \"deployer\", \"kind\": \"deploy\", \"environments\": [\"staging\"]}");
            assertThat(deployer.status()).isEqualTo(201);
            assertThat(deployer.as(AgentToken.class).environments()).containsExactly("staging");
            assertThat(admin.post(
                                    "/api/v1/agent-tokens",
                                    "{\"name\": \"b2\", \"kind\": \"build\", \"environments\": [\"prod\"]}")
                            .status())
                    .isEqualTo(400);
            assertThat(admin.post("/api/v1/agent-tokens", "{\"name\": \"deployer\"}")
                            .status())
                    .isEqualTo(409);
            for (String bad : List.of(
                    "{\"name\": \"d2\", \"kind\": \"root\"}",
                    "{\"name\": \"d2\", \"kind\": \"deploy\", \"environments\": \"prod\"}",
                    "{\"name\": \"d2\", \"kind\": \"deploy\", \"environments\": [\"../prod\"]}",
                    "{\"name\": \"../d2\"}")) {
                Api.Answer refused = admin.post("/api/v1/agent-tokens", bad);
                assertThat(refused.status()).as(bad).isEqualTo(400);
                assertThat(refused.error()).as(bad).startsWith("field ");
            }
            Api.Answer listed = admin.get("/api/v1/agent-tokens");
            assertThat(List.of(listed.as(AgentTokenInfo[].class)))
                    .extracting(AgentTokenInfo::name)
                    .containsExactly("build-host-1", "build-host-2", "deployer");
            assertThat(listed.body().toString())
                    .doesNotContain(token)
                    .doesNotContain(deployer.as(AgentToken.class).token());
            assertThat(viewer.get("/api/v1/agent-tokens").status()).isEqualTo(403);

            // a revoked token is refused at its next call
            assertThat(admin.send("DELETE", "/api/v1/agent-tokens/build-host-2", null, java.util.Map.of())
                            .status())
                    .isEqualTo(200);
            assertThat(other.send("PUT", "/api/v1/agents/sneaky", "{}", java.util.Map.of())
                            .status())
                    .isEqualTo(401);
            assertThat(admin.send("DELETE", "/api/v1/agent-tokens/build-host-2", null, java.util.Map.of())
                            .status())
                    .isEqualTo(404);
        } finally {
            agent.close();
        }
    }

    @Test
    void bad_logins_and_bad_users_get_clear_errors() throws Exception {
        server = Runs.server(dir.resolve("data"));
        Api admin = new Api(server.url(), server.newToken("admin"));
        Api anyone = new Api(server.url(), "");
        server.addUser("ann", "ann's passphrase", Role.ADMIN);

        Api.Answer wrong = anyone.post("/api/v1/sessions", user("ann", "not it at all", null));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).isEqualTo("wrong user name or password");
        Api.Answer nobody = anyone.post("/api/v1/sessions", user("nobody", "ann's passphrase", null));
        assertThat(nobody.error()).isEqualTo("wrong user name or password");
        assertThat(anyone.get("/api/v1/runs").status()).isEqualTo(401);

        assertThat(admin.post("/api/v1/users", user("ann", "another passphrase", "viewer"))
                        .status())
                .isEqualTo(409);
        Api.Answer shortPassword = admin.post("/api/v1/users", user("bob", "short", "viewer"));
        assertThat(shortPassword.status()).isEqualTo(400);
        assertThat(shortPassword.error()).contains("field password").contains("10");
        Api.Answer badRole = admin.post("/api/v1/users", user("bob", "long enough pass", "root"));
        assertThat(badRole.error()).contains("viewer, operator, admin, agent");
        Api.Answer badName = admin.post("/api/v1/users", user("<bob>", "long enough pass", "viewer"));
        assertThat(badName.error()).contains("field name");

        assertThat(server.firstAdmin()).isEmpty();
    }

    @Test
    void a_body_is_read_only_after_its_token_and_only_as_much_as_its_call_takes() throws Exception {
        server = Runs.server(dir.resolve("data"));
        Api admin = new Api(server.url(), server.newToken("admin"));
        Api anyone = new Api(server.url(), "");

        // 17 MB from anyone: refused for want of a token before a byte of it is kept
        Api.Answer anonymous = anyone.post("/api/v1/runs", "x".repeat(17 * 1024 * 1024));
        assertThat(anonymous.status()).isEqualTo(401);
        Api.Answer wrongToken = new Api(server.url(), "kiln_not_a_token").post("/api/v1/runs", "x".repeat(2 << 20));
        assertThat(wrongToken.status()).isEqualTo(401);
        // with a token, each call takes what it needs: 1 MiB for the calls people make
        Api.Answer large = admin.post("/api/v1/repositories", "{\"url\": \"" + "x".repeat(2 << 20) + "\"}");
        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("the body of POST /api/v1/repositories may be at most 1024 KiB; send less");
        Api.Answer delivery = anyone.send(
                "POST",
                "/api/v1/webhooks/shop",
                "x".repeat(26 * 1024 * 1024),
                java.util.Map.of("X-GitHub-Event", "push"));
        assertThat(delivery.status()).isEqualTo(413);
        assertThat(delivery.error()).contains("25600 KiB");

        // a multipart upload is never written to disk (Vert.x's default is file-uploads/ under the working directory)
        Path uploads = Path.of("file-uploads").toAbsolutePath();
        long before =
                uploads.toFile().exists() ? java.nio.file.Files.list(uploads).count() : 0;
        String boundary = "kilnboundary";
        String form = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + "y".repeat(4096) + "\r\n--" + boundary + "--\r\n";
        for (Api caller : List.of(admin, anyone)) {
            Api.Answer upload = caller.send(
                    "POST",
                    "/api/v1/repositories",
                    form,
                    java.util.Map.of("Content-Type", "multipart/form-data; boundary=" + boundary));
            assertThat(upload.status()).isIn(400, 401);
        }
        long after =
                uploads.toFile().exists() ? java.nio.file.Files.list(uploads).count() : 0;
        assertThat(after).as("files in " + uploads).isEqualTo(before);

        // guessing a password is paused after ten tries, even when the eleventh is right
        server.addUser("ann", "ann's passphrase", Role.ADMIN);
        for (int i = 0; i < 10; i++) {
            assertThat(anyone.post("/api/v1/sessions", user("ann", "guess number " + i, null))
                            .status())
                    .isEqualTo(401);
        }
        Api.Answer paused = anyone.post("/api/v1/sessions", user("ann", "ann's passphrase", null));
        assertThat(paused.status()).isEqualTo(429);
        assertThat(paused.error()).startsWith("too many failed logins from this address; try again in ");
        // other names from the same address are still checked
        server.addUser("bob", "bob's passphrase", Role.VIEWER);
        assertThat(anyone.post("/api/v1/sessions", user("bob", "bob's passphrase", null))
                        .status())
                .isEqualTo(201);
    }

    private String login(String name, String password) {
        Api.Answer answer = new Api(server.url(), "").post("/api/v1/sessions", user(name, password, null));
        assertThat(answer.status()).isEqualTo(201);
        Login login = answer.as(Login.class);
        assertThat(login.expiresInSeconds()).isEqualTo(12 * 3600);
        return login.token();
    }

    private static String user(String name, String password, String role) {
        return "{\"name\": \"" + name + "\", \"password\": \"" + password + "\""
                + (role == null ? "" : ", \"role\": \"" + role + "\"") + "}";
    }
}
