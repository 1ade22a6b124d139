package dev.kiln.orchestrator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.Trigger;
import dev.kiln.orchestrator.testing.StoreDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store against a real PostgreSQL, migrated by the real migrations. */
class HibernateStateStoreTest {
    private StoreDatabase database;
    private StateStore store;

    @BeforeEach
    void open() {
        database = new StoreDatabase();
        store = new HibernateStateStore(database.sessions());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private <T> T await(java.util.function.Supplier<io.vertx.core.Future<T>> work) {
        return database.await(work);
    }

    private static RunRecord run(String id, long seq, ExecutionStatus status) {
        return new RunRecord(
                id,
                seq,
                "hello",
                "hello",
                Trigger.WEBHOOK,
                Optional.of("refs/heads/main"),
                "c".repeat(40),
                Optional.of("version: 1\n"),
                status,
                "",
                0,
                false,
                false,
                false,
                Instant.parse("2026-12-01T10:00:00Z"),
                Optional.empty(),
                List.of(
                        new RunRecord.StageRecord(
                                "Source",
                                Optional.of(ExecutionStatus.SUCCEEDED),
                                List.of(new RunRecord.ActionRecord(
                                        "Source",
                                        "source",
                                        Optional.of(ExecutionStatus.SUCCEEDED),
                                        "",
                                        1,
                                        Optional.empty(),
                                        1))),
                        new RunRecord.StageRecord(
                                "build",
                                Optional.of(ExecutionStatus.IN_PROGRESS),
                                List.of(new RunRecord.ActionRecord(
                                        "compile",
                                        "build",
                                        Optional.of(ExecutionStatus.IN_PROGRESS),
                                        "",
                                        1,
                                        Optional.empty(),
                                        2)))));
    }

    @Test
    void repositories_are_added_once_listed_and_removed() {
        Repository repo = new Repository(
                "hello",
                "file:///tmp/hello",
                Optional.empty(),
                Optional.of("s3cret"),
                60,
                Map.of(),
                Instant.now(),
                java.util.Set.of(),
                Optional.of("v1:sealed"));
        await(() -> store.addRepository(repo));
        assertThatThrownBy(() -> await(() -> store.addRepository(repo)))
                .isInstanceOf(DuplicateRepositoryException.class)
                .hasMessageContaining("hello");
        await(() -> store.saveHeads("hello", Map.of("refs/heads/main", "abc")));

        assertThat(await(() -> store.repositories()))
                .singleElement()
                .satisfies(r -> assertThat(r.heads()).containsEntry("refs/heads/main", "abc"))
                .satisfies(r -> assertThat(r.allowed()).isEmpty())
                .satisfies(r -> assertThat(r.sealedCredentials()).contains("v1:sealed"));
        assertThat(await(() -> store.saveAllowed("hello", java.util.Set.of(dev.kiln.model.api.Allowance.PRIVILEGED))))
                .isTrue();
        assertThat(await(() -> store.repositories()))
                .singleElement()
                .satisfies(r -> assertThat(r.allows(dev.kiln.model.api.Allowance.PRIVILEGED))
                        .isTrue());
        assertThat(await(() -> store.saveAllowed("nobody", java.util.Set.of()))).isFalse();
        assertThat(await(() -> store.removeRepository("hello"))).isTrue();
        assertThat(await(() -> store.removeRepository("hello"))).isFalse();
    }

    @Test
    void a_saved_step_reads_back_whole_and_a_later_step_replaces_it() {
        RunRecord first = run("1", 1, ExecutionStatus.IN_PROGRESS);
        JobRecord job = new JobRecord(
                "j1",
                "1",
                "build",
                "compile",
                1,
                AgentKind.BUILD,
                List.of("linux"),
                "{}",
                JobState.QUEUED,
                Optional.empty(),
                Optional.empty(),
                "",
                Map.of("app", "runs/1/app.zip"),
                Instant.now(),
                Optional.empty());
        StatusChangeRecord change = new StatusChangeRecord(
                "1",
                Optional.empty(),
                Optional.empty(),
                ExecutionStatus.IN_PROGRESS,
                "",
                Instant.parse("2026-12-01T10:00:00Z"));
        await(() -> store.save(List.of(first), List.of(change), Map.of("hello", Map.of("build", "1")), List.of(job)));
        await(() -> store.save(List.of(run("1", 1, ExecutionStatus.FAILED)), List.of(), Map.of(), List.of()));

        RunRecord back = await(() -> store.run("1")).orElseThrow();
        assertThat(back.status()).isEqualTo(ExecutionStatus.FAILED);
        assertThat(back.stages()).extracting(RunRecord.StageRecord::name).containsExactly("Source", "build");
        assertThat(back.stages().get(1).actions().get(0).status()).contains(ExecutionStatus.IN_PROGRESS);
        assertThat(back.stages().get(1).actions().get(0).runOrder()).isEqualTo(2);
        assertThat(await(() -> store.activeRuns())).isEmpty();
        assertThat(await(() -> store.lastRunSeq())).isEqualTo(1L);
        assertThat(await(() -> store.history("1"))).containsExactly(change);
        assertThat(await(() -> store.stageEntries())).containsEntry("hello", Map.of("build", "1"));
        assertThat(await(() -> store.openJobs()))
                .singleElement()
                .satisfies(j -> assertThat(j.labels()).containsExactly("linux"));
        assertThat(await(() -> store.job("j1")).orElseThrow().outputs()).containsEntry("app", "runs/1/app.zip");
    }

    @Test
    void a_log_batch_sent_twice_is_stored_once_and_read_from_any_line() {
        await(() -> store.save(
                List.of(run("1", 1, ExecutionStatus.IN_PROGRESS)),
                List.of(),
                Map.of(),
                List.of(new JobRecord(
                        "j1",
                        "1",
                        "build",
                        "compile",
                        1,
                        AgentKind.BUILD,
                        List.of(),
                        "{}",
                        JobState.RUNNING,
                        Optional.of("a1"),
                        Optional.of("0".repeat(64)),
                        "",
                        Map.of(),
                        Instant.now(),
                        Optional.empty()))));

        assertThat(await(() -> store.job("j1")).orElseThrow().owner()).contains("0".repeat(64));
        assertThat(await(() -> store.appendLog("j1", 0, List.of("one", "two")))).isEqualTo(2L);
        assertThat(await(() -> store.appendLog("j1", 0, List.of("one", "two")))).isEqualTo(2L);
        assertThat(await(() -> store.appendLog("j1", 2, List.of("three")))).isEqualTo(3L);

        assertThat(await(() -> store.log("j1", 0, 100))).containsExactly("one", "two", "three");
        assertThat(await(() -> store.log("j1", 1, 1))).containsExactly("two");
    }
}
