package dev.kiln.cli.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.cli.testing.Api;
import dev.kiln.cli.testing.Runs;
import dev.kiln.cli.testing.Waits;
import dev.kiln.model.api.Health;
import dev.kiln.model.api.HealthStatus;
import dev.kiln.orchestrator.server.KilnServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Frozen PostgreSQL (every process stopped, as a database whose packets are dropped): health says so within seconds,
 * a call that needs the database answers 503 within its 10 s instead of hanging, and once the leader lease cannot be
 * renewed the orchestrator is fenced (503 at once, no timers) instead of ending the process. When the database is
 * back it renews its lease as it was and answers 200 again, the same process.
 */
class DatabaseAwayTest {
    @TempDir
    Path dir;

    @Test
    void health_answers_503_database_unavailable_while_postgres_is_frozen_and_200_once_it_is_back() throws Exception {
        try (KilnServer server = Runs.embeddedServer(dir.resolve("data"))) {
            server.markReady();
            Api anyone = new Api(server.url(), null);
            Api admin = new Api(server.url(), server.newToken("test"));
            assertThat(anyone.get("/api/v1/health").as(Health.class).status()).isEqualTo(HealthStatus.OK);

            long postmaster = Long.parseLong(Files.readAllLines(dir.resolve("data/postgres/postmaster.pid"))
                    .get(0)
                    .strip());
            List<Long> postgres = Stream.concat(
                            ProcessHandle.of(postmaster).stream(),
                            ProcessHandle.of(postmaster).stream().flatMap(ProcessHandle::descendants))
                    .map(ProcessHandle::pid)
                    .toList();
            signal("STOP", postgres);
            Api.Answer frozen;
            long tookMs;
            Api.Answer run;
            long runTookMs;
            Api.Answer fenced;
            long fencedTookMs;
            try {
                long start = System.nanoTime();
                frozen = anyone.get("/api/v1/health");
                tookMs = (System.nanoTime() - start) / 1_000_000;
                start = System.nanoTime();
                run = admin.get("/api/v1/runs/1");
                runTookMs = (System.nanoTime() - start) / 1_000_000;
                // past its lease's term less a renewal, the orchestrator is fenced: it answers 503 at once
                Thread.sleep(1000);
                start = System.nanoTime();
                fenced = admin.get("/api/v1/runs");
                fencedTookMs = (System.nanoTime() - start) / 1_000_000;
            } finally {
                signal("CONT", postgres);
            }
            assertThat(run.status()).as(run.body().toString()).isEqualTo(503);
            assertThat(run.error()).contains("database");
            assertThat(runTookMs).as("answered, not hung").isLessThan(20_000L);
            assertThat(fenced.status()).isEqualTo(503);
            assertThat(fenced.error()).contains("cannot renew its leader lease");
            assertThat(fencedTookMs).isLessThan(2_000L);
            assertThat(frozen.status()).isEqualTo(503);
            assertThat(frozen.as(Health.class).status()).isEqualTo(HealthStatus.DATABASE_UNAVAILABLE);
            assertThat(tookMs).as("answered after the 2 s wait, not hung").isBetween(1_500L, 6_000L);

            Waits.until(Duration.ofSeconds(20), "health to answer 200 again", () -> {
                Api.Answer back = anyone.get("/api/v1/health");
                return back.status() == 200 ? back : null;
            });
            Waits.until(Duration.ofSeconds(20), "the API to answer from the database again", () -> {
                Api.Answer back = admin.get("/api/v1/runs");
                return back.status() == 200 ? back : null;
            });
        }
    }

    private static void signal(String signal, List<Long> pids) throws Exception {
        for (long pid : pids) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid))
                    .redirectErrorStream(true)
                    .start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
