package dev.kiln.orchestrator.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.JobState;
import dev.kiln.orchestrator.state.HibernateStateStore;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.StateStore;
import dev.kiln.orchestrator.testing.StoreDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long log, in the database and archived: every page reads the same lines either way, from the nearest indexed
 * line of the archive, and a page of very long lines stays small.
 */
class LogArchiveTest {
    private static final int LINES = 25_000;

    @TempDir
    Path dir;

    private StoreDatabase database;
    private StateStore store;
    private LogArchive archive;

    @BeforeEach
    void open() {
        database = new StoreDatabase();
        store = new HibernateStateStore(database.sessions());
        archive = new LogArchive(database.context(), store, new LocalDirectoryArtifactStore(dir.resolve("objects")));
    }

    @AfterEach
    void close() {
        database.close();
    }

    private void job(String id) {
        database.await(() -> store.save(
                List.of(),
                List.of(),
                Map.of(),
                List.of(new JobRecord(
                        id,
                        "",
                        "build",
                        "compile",
                        1,
                        AgentKind.BUILD,
                        List.of(),
                        "{}",
                        JobState.SUCCEEDED,
                        Optional.of("a1"),
                        Optional.empty(),
                        "",
                        Map.of(),
                        Instant.now(),
                        Optional.of(Instant.now())))));
    }

    private static String line(long n) {
        return "line " + n + " é";
    }

    @Test
    void a_page_anywhere_in_a_long_log_reads_the_same_before_and_after_it_is_archived() throws Exception {
        job("long");
        for (int first = 0; first < LINES; first += 1000) {
            List<String> batch = new ArrayList<>();
            for (int i = first; i < first + 1000; i++) {
                batch.add(line(i));
            }
            int at = first;
            database.await(() -> store.appendLog("long", at, batch));
        }
        for (long from : new long[] {0, 999, 1000, 12_345, LINES - 3}) {
            assertThat(database.await(() -> archive.read("long", from, 5)))
                    .as("from the database at %d", from)
                    .containsExactly(expected(from, 5));
        }

        database.await(() -> archive.archiveIfLong("long"));

        assertThat(database.await(() -> store.logObject("long"))).contains("logs/long.log");
        assertThat(Files.readString(dir.resolve("objects/logs/long.idx")).lines())
                .as("one entry every 1,000 lines")
                .hasSize(LINES / 1000);
        for (long from : new long[] {0, 999, 1000, 12_345, LINES - 3}) {
            assertThat(database.await(() -> archive.read("long", from, 5)))
                    .as("archived, at %d", from)
                    .containsExactly(expected(from, 5));
        }
        assertThat(database.await(() -> archive.read("long", LINES, 5))).isEmpty();
    }

    @Test
    void a_page_of_long_lines_holds_about_4_mib_and_goes_on_where_it_stopped() {
        job("wide");
        String wide = "x".repeat(1024 * 1024);
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(i + wide);
        }
        database.await(() -> store.appendLog("wide", 0, batch));

        List<String> first = database.await(() -> archive.read("wide", 0, 100));
        List<String> rest = database.await(() -> archive.read("wide", first.size(), 100));

        assertThat(first).hasSizeBetween(1, 4);
        assertThat(first.size() + rest.size()).isLessThanOrEqualTo(10);
        assertThat(rest.get(0)).startsWith(first.size() + "x");
    }

    private static String[] expected(long from, int count) {
        List<String> out = new ArrayList<>();
        for (long n = from; n < Math.min(LINES, from + count); n++) {
            out.add(line(n));
        }
        return out.toArray(String[]::new);
    }
}
