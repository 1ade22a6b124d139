package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.cli.testing.AgentProcess;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.model.api.Allowance;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.LogPage;
import dev.kiln.model.api.Login;
import dev.kiln.model.api.Repository;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.Trigger;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pushes become runs: polled and by webhook, artifacts passed between actions on a real agent process. */
class PipelineRunTest {
    static final String PIPELINE = """
            version: 1
            variables: {APP_NAME: demo}
            stages:
              - name: build
                actions:
                  - name: compile
                    type: build
                    outputs: [app]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - echo "building $KILN_COMMIT on $KILN_BRANCH for $APP_NAME in run $KILN_RUN_ID"
                            - mkdir -p out && echo "made by compile" > out/app.txt
                      artifacts:
                        files: [out/app.txt]
              - name: test
                actions:
                  - name: check
                    type: test
                    inputs: [source, app]
                    buildspec:
                      version: 0.2
                      phases:
                        build:
                          commands:
                            - cat "$CODEBUILD_SRC_DIR_app/out/app.txt"
                            - test -f README.md && echo "source has README.md"
            """;

    @TempDir
    static Path dir;

    static KilnServer server;
    static Api api;
    static String token;
    static AgentProcess agent;

    @BeforeAll
    static void start() throws Exception {
        server = Runs.embeddedServer(dir.resolve("data")); // the log archive test looks in its object store
        token = server.newToken("test");
        server.markReady();
        api = new Api(server.url(), token);
        agent = AgentProcess.start(server.url(), token, dir.resolve("agent.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** The run of a commit once it ended, as the API's record. */
    static Run typedRunOf(String commit) throws InterruptedException {
        return Runs.endedRun(api, commit, Duration.ofSeconds(60));
    }

    static List<String> log(String runId, String action) {
        List<String> lines = new ArrayList<>();
        for (Job job : api.get("/api/v1/runs/" + runId + "/jobs").as(Job[].class)) {
            if (job.action().equals(action)) {
                lines.addAll(api.get("/api/v1/jobs/" + job.id() + "/log")
                        .as(LogPage.class)
                        .lines());
            }
        }
        return lines;
    }

    static String addRepository(String name, Path url, int poll, String secret) {
        String body = "{\"url\": \"" + url + "\", \"name\": \"" + name + "\", \"pollIntervalSeconds\": " + poll
                + (secret == null ? "" : ", \"webhookSecret\": \"" + secret + "\"") + "}";
        Api.Answer added = api.post("/api/v1/repositories", body);
        assertThat(added.status()).as(added.body().toString()).isEqualTo(201);
        return name;
    }

    @Test
    void a_polled_push_runs_each_stage_on_an_agent_and_passes_the_artifact_on() throws Exception {
        GitRemote remote = GitRemote.create(dir, "demo");
        remote.write("README.md", "# demo\n").commitAndPush("start");
        addRepository("demo", remote.bare(), 1, null);
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("add the pipeline");

        Run run = typedRunOf(commit);

        assertThat(run.status()).as(run.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.pipeline()).isEqualTo("demo");
        assertThat(run.trigger()).isEqualTo(Trigger.POLL);
        assertThat(run.startTime()).isNotNull();
        assertThat(run.stages())
                .extracting(Run.Stage::name, Run.Stage::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Source", ExecutionStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("build", ExecutionStatus.SUCCEEDED),
                        org.assertj.core.groups.Tuple.tuple("test", ExecutionStatus.SUCCEEDED));
        assertThat(log(run.id(), "compile")).contains("building " + commit + " on main for demo in run " + run.id());
        assertThat(log(run.id(), "check")).contains("made by compile", "source has README.md");
        Run shown = api.get("/api/v1/runs/" + run.id()).as(Run.class);
        assertThat(shown.history()).hasSizeGreaterThan(6);
        String job =
                api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)[1].id();
        String events =
                api.get("/api/v1/jobs/" + job + "/log/stream?from=2").body().asText();
        assertThat(events)
                .contains("data: made by compile")
                .doesNotContain("id: 1\n")
                .endsWith("event: end\ndata: \n\n");
    }

    @Test
    void a_build_cache_travels_through_urls_signed_for_the_job_and_warms_the_next_run() throws Exception {
        GitRemote remote = GitRemote.create(dir, "cached");
        remote.write("README.md", "# cached\n").commitAndPush("start");
        addRepository("cached", remote.bare(), 1, null);
        String pipeline = """
                version: 1
                stages:
                  - name: build
                    actions:
                      - name: deps
                        type: build
                        buildspec:
                          version: 0.2
                          phases:
                            build:
                              commands:
                                - if [ -f deps/marker ]; then echo "warm from run $(cat deps/marker)"; else echo cold; fi
                                - mkdir -p deps && echo "$KILN_RUN_ID" > deps/marker
                          cache:
                            paths: ['deps/**/*']
                """;
        Run first = typedRunOf(remote.write(".kiln/pipeline.yml", pipeline).commitAndPush("a cached build"));
        assertThat(first.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(log(first.id(), "deps")).contains("cold").anyMatch(l -> l.contains("Saved cache"));

        Run second = typedRunOf(remote.write("README.md", "# cached, again\n").commitAndPush("again"));
        assertThat(second.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(log(second.id(), "deps"))
                .contains("warm from run " + first.id())
                .anyMatch(l -> l.contains("Restored cache"));
    }

    @Test
    void a_malformed_pipeline_file_fails_the_run_at_its_source_stage_with_the_lint_messages() throws Exception {
        GitRemote remote = GitRemote.create(dir, "broken");
        remote.write("README.md", "# broken\n").commitAndPush("start");
        addRepository("broken", remote.bare(), 1, null);
        String commit = remote.write(".kiln/pipeline.yml", "version: 1\nstages:\n  - name: build\n    actoins: []\n")
                .commitAndPush("a typo");

        Run run = typedRunOf(commit);

        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        Run.Stage source = run.stages().get(0);
        assertThat(source.name()).isEqualTo("Source");
        assertThat(source.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(source.actions().get(0).message())
                .contains(".kiln/pipeline.yml:4:")
                .contains("actoins");

        // a file nested 100,000 deep is refused the same way: no stack overflow, no silent retry at every poll
        String deep = remote.write(".kiln/pipeline.yml", "version: 1\nstages: " + "[".repeat(100_000) + "\n")
                .commitAndPush("deeply nested");
        Run nested = typedRunOf(deep);
        assertThat(nested.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(nested.stages().get(0).actions().get(0).message())
                .contains(".kiln/pipeline.yml:2:")
                .contains("nest more than 100 deep");
    }

    @Test
    void a_privileged_build_needs_an_admin_to_allow_it_and_a_pipeline_name_belongs_to_its_first_repository()
            throws Exception {
        GitRemote remote = GitRemote.create(dir, "consent");
        remote.write("README.md", "# consent\n").commitAndPush("start");
        addRepository("consent", remote.bare(), 1, null);
        String pipeline = """
                version: 1
                stages:
                  - name: build
                    actions:
                      - name: image
                        type: build
                        privileged: true
                        buildspec:
                          version: 0.2
                          phases:
                            build:
                              commands: [echo may use the engine]
                """;
        String refused = remote.write(".kiln/pipeline.yml", pipeline).commitAndPush("a privileged build");
        Run run = typedRunOf(refused);
        assertThat(run.status()).isEqualTo(ExecutionStatus.FAILED);
        Run.Stage source = run.stages().get(0);
        assertThat(source.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(source.actions().get(0).message())
                .contains("action build/image asks for privileged: true")
                .endsWith("An admin allows them with: kiln repos edit consent --allow privileged");

        server.addUser("opal", "operator's passphrase", dev.kiln.model.api.Role.OPERATOR);
        String login = new Api(server.url(), "")
                .post("/api/v1/sessions", "{\"name\": \"opal\", \"password\": \"operator's passphrase\"}")
                .as(Login.class)
                .token();
        String allow = "{\"allow\": [\"privileged\"]}";
        assertThat(new Api(server.url(), login)
                        .send("PATCH", "/api/v1/repositories/consent", allow, java.util.Map.of())
                        .status())
                .as("an operator may not allow it")
                .isEqualTo(403);
        assertThat(api.send("PATCH", "/api/v1/repositories/consent", "{\"allow\": [\"root\"]}", java.util.Map.of())
                        .error())
                .contains("field allow")
                .contains("privileged");
        Api.Answer allowed = api.send("PATCH", "/api/v1/repositories/consent", allow, java.util.Map.of());
        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.as(Repository.class).allow()).containsExactly(Allowance.PRIVILEGED);
        String accepted = remote.write("README.md", "# consent, allowed\n").commitAndPush("again");
        Run second = typedRunOf(accepted);
        assertThat(second.stages().get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);

        // credentials never go in a URL, where everyone who reads the repository or its runs would see them
        Api.Answer inUrl =
                api.post("/api/v1/repositories", "{\"url\": \"https://bot:ghp_secret_in_url@git.invalid/shop.git\"}");
        assertThat(inUrl.status()).isEqualTo(400);
        assertThat(inUrl.error())
                .contains("holds a password or token")
                .contains("--credentials")
                .doesNotContain("ghp_secret_in_url");
        // malformed credentials and changes are refused naming the field, and nothing is added or changed
        for (String bad : List.of(
                "{\"url\": \"https://git.invalid/a.git\", \"credentials\": \"bot:token\"}",
                "{\"url\": \"https://git.invalid/a.git\", \"credentials\": {\"username\": \"bot\"}}",
                "{\"url\": \"https://git.invalid/a.git\", \"credentials\": {\"username\": \"\", \"token\": \"t\"}}")) {
            Api.Answer refusedBody = api.post("/api/v1/repositories", bad);
            assertThat(refusedBody.status()).as(bad).isEqualTo(400);
            assertThat(refusedBody.error()).as(bad).contains("credentials");
        }
        assertThat(api.get("/api/v1/repositories").as(Repository[].class))
                .extracting(Repository::name)
                .doesNotContain("a");
        Api.Answer otherField =
                api.send("PATCH", "/api/v1/repositories/consent", "{\"url\": \"/elsewhere\"}", Map.of());
        assertThat(otherField.status()).isEqualTo(400);
        assertThat(otherField.error()).contains("field url cannot be changed");
        assertThat(api.send("PATCH", "/api/v1/repositories/nobody", allow, Map.of())
                        .status())
                .isEqualTo(404);

        // another repository cannot take the name: its run fails at its own Source stage
        GitRemote other = GitRemote.create(dir, "claimant");
        other.write("README.md", "# claimant\n").commitAndPush("start");
        addRepository("claimant", other.bare(), 1, null);
        String claim = other.write(
                        ".kiln/pipeline.yml", PIPELINE.replace("version: 1\n", "version: 1\nname: consent\n"))
                .commitAndPush("claims a name");
        Run claimed = typedRunOf(claim);
        assertThat(claimed.pipeline()).isEqualTo("claimant");
        assertThat(claimed.stages().get(0).actions().get(0).message())
                .startsWith("pipeline name consent belongs to repository consent, which used it first");
        assertThat(api.get("/api/v1/runs").body().findValuesAsText("sourceRevision"))
                .contains(claim);
    }

    @Test
    void a_repository_just_added_is_first_polled_one_interval_later_so_a_push_right_after_is_the_webhooks()
            throws Exception {
        GitRemote remote = GitRemote.create(dir, "patient");
        remote.write("README.md", "# patient\n").commitAndPush("start");
        addRepository("patient", remote.bare(), 3600, "s3cret");
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("add the pipeline");

        Thread.sleep(4000); // four ticks of the poller

        assertThat(List.of(api.get("/api/v1/runs").as(Run[].class)))
                .as("no poll within the first hour")
                .noneMatch(r -> r.repository().equals("patient"));
        String payload = "{\"ref\": \"refs/heads/main\", \"before\": \"" + "0".repeat(40) + "\", \"after\": \"" + commit
                + "\", \"repository\": {\"clone_url\": \"" + remote.bare() + "\"}, \"commits\": []}";
        Api.Answer signed = new Api(server.url(), null)
                .send(
                        "POST",
                        "/api/v1/webhooks/patient",
                        payload,
                        Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("s3cret", payload)));
        assertThat(signed.status()).isEqualTo(202);
        Run run = Runs.endedRun(api, commit, Duration.ofSeconds(60));
        assertThat(run.trigger()).isEqualTo(Trigger.WEBHOOK);
    }

    @Test
    void a_signed_webhook_runs_the_push_and_bad_deliveries_get_401_or_400_naming_what_is_wrong() throws Exception {
        GitRemote remote = GitRemote.create(dir, "hooked");
        remote.write("README.md", "# hooked\n").commitAndPush("start");
        addRepository("hooked", remote.bare(), 0, "s3cret");
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("add the pipeline");
        String payload = "{\"ref\": \"refs/heads/main\", \"before\": \"" + "0".repeat(40) + "\", \"after\": \"" + commit
                + "\", \"repository\": {\"clone_url\": \"" + remote.bare() + "\"}, \"commits\": []}";
        Api open = new Api(server.url(), null);

        Api.Answer unsigned = open.send("POST", "/api/v1/webhooks/hooked", payload, Map.of("X-GitHub-Event", "push"));
        Api.Answer wrong = open.send(
                "POST",
                "/api/v1/webhooks/hooked",
                payload,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("other", payload)));
        Api.Answer malformed = open.send(
                "POST",
                "/api/v1/webhooks/hooked",
                "{\"ref\": 3}",
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("s3cret", "{\"ref\": 3}")));
        long start = System.nanoTime();
        Api.Answer signed = open.send(
                "POST",
                "/api/v1/webhooks/hooked",
                payload,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("s3cret", payload)));
        long answeredMs = (System.nanoTime() - start) / 1_000_000;

        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(wrong.status()).isEqualTo(401);
        // a name that is not registered answers as a registered one does, so names cannot be probed
        Api.Answer unknownUnsigned =
                open.send("POST", "/api/v1/webhooks/no-such-repo", payload, Map.of("X-GitHub-Event", "push"));
        Api.Answer unknownSigned = open.send(
                "POST",
                "/api/v1/webhooks/no-such-repo",
                payload,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("s3cret", payload)));
        assertThat(unknownUnsigned.status()).isEqualTo(401);
        assertThat(unknownUnsigned.body()).isEqualTo(unsigned.body());
        assertThat(unknownSigned.status()).isEqualTo(401);
        assertThat(unknownSigned.body()).isEqualTo(wrong.body());
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.error()).contains("ref");
        assertThat(signed.status()).isEqualTo(202);
        assertThat(answeredMs).as("answered before the run is made").isLessThan(1000);
        Run run = typedRunOf(commit);
        assertThat(run.status()).as(run.toString()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.trigger()).isEqualTo(Trigger.WEBHOOK);

        String metrics = Waits.until(Duration.ofSeconds(10), "the webhook's lag in the metrics", () -> {
            String text = metrics(token);
            return metric(text, "kiln_webhook_lag_seconds_count") >= 1 ? text : null;
        });
        assertThat(metric(metrics, "kiln_job_wait_seconds_count{stage=\"build\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "kiln_job_run_seconds_count{stage=\"test\",state=\"Succeeded\"}"))
                .isGreaterThanOrEqualTo(1);
        assertThat(metric(metrics, "kiln_agents{kind=\"build\"}")).isEqualTo(1);
        assertThat(metric(metrics, "kiln_jobs{kind=\"build\",state=\"Queued\"}"))
                .isZero();
        assertThat(metric(metrics, "kiln_lease_expiries_total")).isZero();
        assertThat(metrics(null)).startsWith("401");

        // a delivery runs once: the same one again (with its id, or with another id) is refused, and an old commit
        // delivered after a newer one ran does not run again
        Map<String, String> signedAgain = Map.of(
                "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + hmac("s3cret", payload),
                "X-GitHub-Delivery", "replayed-1");
        Api.Answer replay = open.send("POST", "/api/v1/webhooks/hooked", payload, signedAgain);
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.error()).contains("was received before").contains("kiln runs start hooked --ref REF");
        String newer = remote.write("README.md", "# hooked, newer\n").commitAndPush("newer");
        String newerPayload = payload.replace(commit, newer).replace("0".repeat(40), commit);
        Map<String, String> newerHeaders = Map.of(
                "X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + hmac("s3cret", newerPayload),
                "X-GitHub-Delivery", "delivery-2");
        assertThat(open.send("POST", "/api/v1/webhooks/hooked", newerPayload, newerHeaders)
                        .status())
                .isEqualTo(202);
        assertThat(typedRunOf(newer).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        Api.Answer sameId = open.send(
                "POST",
                "/api/v1/webhooks/hooked",
                newerPayload + " ",
                Map.of(
                        "X-GitHub-Event", "push",
                        "X-Hub-Signature-256", "sha256=" + hmac("s3cret", newerPayload + " "),
                        "X-GitHub-Delivery", "delivery-2"));
        assertThat(sameId.status()).as("a delivery id seen before").isEqualTo(409);
        // an old commit, in a delivery never seen (another body): accepted, and not run, since main passed it
        String oldPayload = payload.replace("\"commits\": []", "\"commits\": [], \"replayed\": true");
        assertThat(open.send(
                                "POST",
                                "/api/v1/webhooks/hooked",
                                oldPayload,
                                Map.of(
                                        "X-GitHub-Event", "push",
                                        "X-Hub-Signature-256", "sha256=" + hmac("s3cret", oldPayload),
                                        "X-GitHub-Delivery", "delivery-3"))
                        .status())
                .isEqualTo(202);
        // deliveries are taken in order: once a later one has run, the old one was seen and left alone
        String latest = remote.write("README.md", "# hooked, latest\n").commitAndPush("latest");
        String latestPayload = payload.replace(commit, latest).replace("0".repeat(40), newer);
        open.send(
                "POST",
                "/api/v1/webhooks/hooked",
                latestPayload,
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256", "sha256=" + hmac("s3cret", latestPayload)));
        assertThat(typedRunOf(latest).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(api.get("/api/v1/runs").body().findValuesAsText("sourceRevision"))
                .filteredOn(commit::equals)
                .hasSize(1);
    }

    /** GET /metrics: its text, or the status when it is not 200. */
    private static String metrics(String token) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.url() + "/metrics"));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            var response = java.net.http.HttpClient.newHttpClient()
                    .send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : response.statusCode() + " " + response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A sample's value in Prometheus text, or -1 when it is missing. */
    private static double metric(String text, String sample) {
        for (String line : text.split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).strip());
            }
        }
        return -1;
    }

    @Test
    void api_calls_without_a_token_get_401_and_bad_bodies_get_400_naming_the_field() {
        assertThat(new Api(server.url(), null).get("/api/v1/runs").status()).isEqualTo(401);
        assertThat(new Api(server.url(), "kiln_wrong").get("/api/v1/runs").status())
                .isEqualTo(401);
        assertThat(new Api(server.url(), null).get("/api/v1/health").status()).isEqualTo(200);

        Api.Answer noUrl = api.post("/api/v1/repositories", "{\"name\": \"x\"}");
        Api.Answer notJson = api.post("/api/v1/runs", "{nope");
        Api.Answer badLimit = api.get("/api/v1/runs?limit=many");
        Api.Answer noPipeline = api.post("/api/v1/runs", "{\"pipeline\": \"missing\"}");
        Api.Answer noRun = api.get("/api/v1/runs/999999");

        assertThat(noUrl.status()).isEqualTo(400);
        assertThat(noUrl.error()).contains("url");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.error()).contains("limit");
        assertThat(noPipeline.status()).isEqualTo(404);
        assertThat(noRun.status()).isEqualTo(404);
        assertThat(new Api(server.url(), null).get("/api/v1/openapi.yaml").status())
                .isEqualTo(200);
    }

    @Test
    void the_cli_prints_runs_as_json_newest_first_with_the_documented_fields() throws Exception {
        GitRemote remote = GitRemote.create(dir, "cli");
        remote.write("README.md", "# cli\n").commitAndPush("start");
        addRepository("cli", remote.bare(), 1, null);
        String commit = remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("add the pipeline");
        typedRunOf(commit);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        int status;
        try {
            System.setOut(new java.io.PrintStream(out, true, StandardCharsets.UTF_8));
            status = dev.kiln.cli.KilnMain.execute(
                    "runs",
                    "list",
                    "--pipeline",
                    "cli",
                    "--output",
                    "json",
                    "--server",
                    server.url(),
                    "--token",
                    token);
        } finally {
            System.setOut(saved);
        }

        assertThat(status).isZero();
        JsonNode runs = new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.toByteArray());
        assertThat(runs.isArray()).isTrue();
        JsonNode run = runs.get(0);
        for (String field : List.of("id", "pipeline", "status", "trigger", "sourceRevision", "startTime", "endTime")) {
            assertThat(run.has(field)).as(field).isTrue();
        }
        JsonNode action = run.get("stages").get(1).get("actions").get(0);
        assertThat(action.has("status") && action.has("message")).isTrue();
        Run printed = new Api.Answer(200, runs).as(Run[].class)[0];
        assertThat(printed.sourceRevision()).isEqualTo(commit);
        assertThat(printed.stages().get(1).actions().get(0).name()).isEqualTo("compile");
    }

    @Test
    void a_long_log_moves_to_the_object_store_when_its_job_ends_and_reads_the_same() throws Exception {
        GitRemote remote = GitRemote.create(dir, "chatty");
        remote.write("README.md", "# chatty\n").commitAndPush("start");
        addRepository("chatty", remote.bare(), 1, null);
        String commit = remote.write(".kiln/pipeline.yml", """
                        version: 1
                        stages:
                          - name: build
                            actions:
                              - name: talk
                                type: build
                                buildspec: {version: 0.2, phases: {build: {commands: ["seq 1 60000"]}}}
                        """).commitAndPush("a chatty pipeline");
        Run run = typedRunOf(commit);
        String job =
                api.get("/api/v1/runs/" + run.id() + "/jobs").as(Job[].class)[0].id();
        Path archived = dir.resolve("data/objects/kiln/logs/" + job + ".log");

        Waits.until(
                Duration.ofSeconds(30),
                "the log to be archived",
                () -> java.nio.file.Files.exists(archived) ? Boolean.TRUE : null);
        Waits.until(Duration.ofSeconds(10), "the database to hand over", () -> {
            LogPage page = api.get("/api/v1/jobs/" + job + "/log?from=59990&limit=100000")
                    .as(LogPage.class);
            return page.lines().contains("60000") ? page : null;
        });
        LogPage whole = api.get("/api/v1/jobs/" + job + "/log?limit=100000").as(LogPage.class);
        List<String> numbers =
                whole.lines().stream().filter(l -> l.matches("\\d+")).toList();

        assertThat(run.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(numbers).hasSize(60000);
        assertThat(numbers.get(0)).isEqualTo("1");
        assertThat(numbers.get(59999)).isEqualTo("60000");
    }

    static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
