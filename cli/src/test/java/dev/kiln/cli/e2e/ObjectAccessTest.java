package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.GitRemote;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.job.AgentWelcome;
import dev.kiln.model.job.JobObjects;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.job.ObjectGrant;
import dev.kiln.model.job.ObjectGrantRequest;
import dev.kiln.model.job.ObjectListing;
import dev.kiln.model.job.ObjectOperation;
import dev.kiln.model.job.StoreSettings;
import dev.kiln.orchestrator.server.KilnServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent reaches the object store only through URLs the orchestrator signs for one object of a job it holds: its
 * hello carries no keys, and every object outside the job (another run's, another repository's caches, a write to an
 * input) is refused. Played by hand against a real orchestrator, its embedded store and a real git remote.
 */
class ObjectAccessTest {
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String HELLO =
            "{\"name\": \"by-hand\", \"kind\": \"build\", \"labels\": [], \"maxJobs\": 1, \"running\": []}";
    private static final String PIPELINE = """
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
                          commands: [echo never run]
            """;

    @TempDir
    Path dir;

    @Test
    void a_job_gets_signed_urls_for_its_own_objects_and_nothing_else() throws Exception {
        try (KilnServer server = Runs.server(dir.resolve("data"))) {
            Api admin = new Api(server.url(), server.newToken("admin"));
            Api agent = new Api(
                    server.url(),
                    admin.post("/api/v1/agent-tokens", "{\"name\": \"by-hand\", \"kind\": \"build\"}")
                            .as(AgentToken.class)
                            .token());
            StoreSettings store = server.objectStore();

            Api.Answer hello = agent.send("PUT", "/api/v1/agents/by-hand", HELLO, Map.of());
            assertThat(hello.status()).isEqualTo(200);
            assertThat(hello.as(AgentWelcome.class).heartbeatSeconds()).isPositive();
            assertThat(hello.body().toString())
                    .doesNotContain(store.secretKey())
                    .doesNotContain(store.accessKey())
                    .doesNotContain(store.endpoint());

            GitRemote remote = GitRemote.create(dir, "shop");
            remote.write("README.md", "# shop\n").commitAndPush("start");
            admin.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
            remote.write(".kiln/pipeline.yml", PIPELINE).commitAndPush("a pipeline");
            JobSpec job = Waits.until(Duration.ofSeconds(60), "a job to lease", () -> {
                Api.Answer leased = agent.send("POST", "/api/v1/agents/by-hand/lease?waitMs=1000", null, Map.of());
                return leased.status() == 200 ? leased.as(JobSpec.class) : null;
            });
            assertThat(job.environment()).containsEntry(JobObjects.REPOSITORY, "shop");
            Map<String, String> as = Map.of("X-Kiln-Agent", "by-hand");
            String objects = "/api/v1/jobs/" + job.jobId() + "/objects";
            String output = job.outputPrefix() + "/compile.zip";

            // its own output: written and read back by the signed URLs, which expire within the quarter hour
            ObjectGrant put =
                    grant(agent, objects, as, ObjectOperation.PUT, output).as(ObjectGrant.class);
            assertThat(put.location()).endsWith("/" + output);
            assertThat(put.expiresAt()).isBefore(Instant.now().plus(Duration.ofMinutes(16)));
            assertThat(HTTP.send(
                                    HttpRequest.newBuilder(URI.create(put.url()))
                                            .PUT(HttpRequest.BodyPublishers.ofString("made by the job"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);
            ObjectGrant get =
                    grant(agent, objects, as, ObjectOperation.GET, output).as(ObjectGrant.class);
            assertThat(read(get.url()).body()).isEqualTo("made by the job");
            // a URL is for its object only: pointed at another key, the store refuses it
            String elsewhere = get.url().replace("/compile.zip?", "/other.zip?");
            assertThat(read(elsewhere).statusCode()).isEqualTo(403);
            assertThat(agent.send("GET", objects + "?prefix=" + job.outputPrefix() + "/", null, as)
                            .as(ObjectListing.class)
                            .objects())
                    .singleElement()
                    .satisfies(o -> assertThat(o.key()).isEqualTo(output));

            // its input may be read, not replaced
            String source = job.inputs().get(0).key();
            assertThat(grant(agent, objects, as, ObjectOperation.GET, source).status())
                    .isEqualTo(200);
            Api.Answer overwrite = grant(agent, objects, as, ObjectOperation.PUT, source);
            assertThat(overwrite.status()).isEqualTo(403);
            assertThat(overwrite.error()).contains("may not PUT " + source);

            // its repository's caches, and no other's; no run's artifacts but its own
            assertThat(grant(agent, objects, as, ObjectOperation.PUT, "caches/shop%2Fweb/paths/manifest.json")
                            .status())
                    .isEqualTo(200);
            for (String foreign : new String[] {
                "caches/shop.db%2Fweb/paths/manifest.json",
                "caches/other%2Fweb/paths/manifest.json",
                "runs/999/build/compile/1/compile.zip",
                job.outputPrefix() + "0/compile.zip",
                "database-password"
            }) {
                assertThat(grant(agent, objects, as, ObjectOperation.GET, foreign)
                                .status())
                        .as(foreign)
                        .isEqualTo(403);
            }
            for (String prefix : new String[] {"", "caches/", "runs/", "caches/shop"}) {
                assertThat(agent.send("GET", objects + "?prefix=" + prefix, null, as)
                                .status())
                        .as("listing " + prefix)
                        .isEqualTo(403);
            }
            Api.Answer malformed = grant(agent, objects, as, ObjectOperation.GET, job.outputPrefix() + "/../../x");
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.error()).startsWith("field key: ");
            Api.Answer noPrefix = agent.send("GET", objects, null, as);
            assertThat(noPrefix.status()).isEqualTo(400);
            assertThat(noPrefix.error()).startsWith("query parameter prefix is required");
            assertThat(agent.send("POST", objects, "{nope", as).error()).startsWith("the body is not JSON");
            Api.Answer noOperation = agent.send("POST", objects, "{\"key\": \"" + output + "\"}", as);
            assertThat(noOperation.status()).isEqualTo(400);
            assertThat(noOperation.error()).contains("operation");

            // another agent, even of the same token, gets nothing of this job
            agent.send("PUT", "/api/v1/agents/bystander", HELLO, Map.of());
            assertThat(grant(agent, objects, Map.of("X-Kiln-Agent", "bystander"), ObjectOperation.GET, output)
                            .status())
                    .isEqualTo(409);
            // a viewer or an operator is no agent
            assertThat(grant(admin, objects, as, ObjectOperation.GET, output).status())
                    .as("the admin's token did not say hello for this agent")
                    .isEqualTo(403);
        }
    }

    private static Api.Answer grant(Api api, String path, Map<String, String> as, ObjectOperation operation, String key)
            throws Exception {
        return api.send("POST", path, JSON.writeValueAsString(new ObjectGrantRequest(operation, key)), as);
    }

    private static HttpResponse<String> read(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
