package dev.kiln.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kiln.orchestrator.server.KilnServer;
import dev.kiln.orchestrator.server.ServerSettings;
import dev.kiln.orchestrator.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Servers and runs for the end-to-end tests. */
public final class Runs {
    private Runs() {}

    /**
     * An orchestrator in this JVM, polling every second, without local agents: its database a fresh one on the JVM's
     * shared PostgreSQL, its objects in a fresh bucket of the shared object store.
     */
    public static KilnServer server(Path data) throws Exception {
        return server(data, ServerSettings.DEFAULT_MAX_LOG_BYTES);
    }

    /** {@link #server(Path)} keeping a job's log up to {@code maxLogBytes}. */
    public static KilnServer server(Path data, long maxLogBytes) throws Exception {
        return server(data, maxLogBytes, dev.kiln.orchestrator.state.RetentionPolicy.KEEP_ALL);
    }

    /** {@link #server(Path)} keeping the runs {@code retention} keeps. */
    public static KilnServer server(Path data, dev.kiln.orchestrator.state.RetentionPolicy retention) throws Exception {
        return server(data, ServerSettings.DEFAULT_MAX_LOG_BYTES, retention);
    }

    private static KilnServer server(Path data, long maxLogBytes, dev.kiln.orchestrator.state.RetentionPolicy retention)
            throws Exception {
        return KilnServer.start(
                new ServerSettings(
                        "127.0.0.1",
                        0,
                        data,
                        1,
                        0,
                        Optional.of(TestPostgres.freshDatabase().jdbcUrl()),
                        Optional.of(SharedObjectStore.freshBucket()),
                        Optional.of(SharedObjectStore.ACCESS_KEY),
                        Optional.of(SharedObjectStore.secretKey()),
                        maxLogBytes,
                        retention),
                line -> {});
    }

    /**
     * An orchestrator in this JVM on embedded defaults (its own PostgreSQL and object store under {@code data}), for
     * the tests that look at what it keeps there.
     */
    public static KilnServer embeddedServer(Path data) throws Exception {
        return KilnServer.start(
                new ServerSettings(
                        "127.0.0.1",
                        0,
                        data,
                        1,
                        0,
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty(),
                        Optional.empty()),
                line -> {});
    }

    /** A repository made under {@code dir} with a README, added to the orchestrator and polled every second. */
    public static GitRemote polledRepository(Api api, Path dir, String name) throws Exception {
        GitRemote remote = GitRemote.create(dir, name);
        remote.write("README.md", "# " + name + "\n").commitAndPush("start");
        api.post("/api/v1/repositories", "{\"url\": \"" + remote.bare() + "\", \"pollIntervalSeconds\": 1}");
        return remote;
    }

    /** The run of a commit, once it has ended. */
    public static JsonNode ended(Api api, String commit, Duration timeout) throws InterruptedException {
        return Waits.until(timeout, "a run of " + commit + " to end", () -> {
            for (JsonNode run : api.get("/api/v1/runs").body()) {
                if (run.path("sourceRevision").asText().equals(commit)
                        && !run.path("endTime").isNull()) {
                    return run;
                }
            }
            return null;
        });
    }

    /** The run of {@code commit}, read as the API's record, once it has ended. */
    public static dev.kiln.model.api.Run endedRun(Api api, String commit, Duration timeout)
            throws InterruptedException {
        return Waits.until(timeout, "a run of " + commit + " to end", () -> {
            for (dev.kiln.model.api.Run run : api.get("/api/v1/runs").as(dev.kiln.model.api.Run[].class)) {
                if (run.sourceRevision().equals(commit) && run.endTime() != null) {
                    return run;
                }
            }
            return null;
        });
    }

    /** The id of the first job whose log holds {@code text}, once one does. */
    public static String jobPrinting(Api api, String text, Duration timeout) throws InterruptedException {
        return Waits.until(timeout, "a job to print " + text, () -> {
            for (JsonNode run : api.get("/api/v1/runs").body()) {
                for (JsonNode j : api.get("/api/v1/runs/" + run.path("id").asText() + "/jobs")
                        .body()) {
                    String id = j.path("id").asText();
                    if (api.get("/api/v1/jobs/" + id + "/log")
                            .body()
                            .path("lines")
                            .toString()
                            .contains(text)) {
                        return id;
                    }
                }
            }
            return null;
        });
    }
}
