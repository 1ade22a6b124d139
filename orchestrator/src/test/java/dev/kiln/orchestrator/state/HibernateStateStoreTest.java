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
        return run(id, seq, status, "hello", Optional.empty());
    }

    private static RunRecord run(
            String id, long seq, ExecutionStatus status, String pipeline, Optional<Instant> endTime) {
        return new RunRecord(
                id,
                seq,
                pipeline,
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
                endTime,
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

    private static JobRecord jobOf(String id, String runId) {
        return new JobRecord(
                id,
                runId,
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
                Optional.of(Instant.now()));
    }

    @Test
    void retention_lets_go_of_runs_past_the_newest_n_per_pipeline_or_past_the_days_and_removes_them_whole() {
        Instant now = Instant.parse("2026-12-20T10:00:00Z");
        Optional<Instant> old = Optional.of(Instant.parse("2026-12-01T11:00:00Z"));
        Optional<Instant> recent = Optional.of(Instant.parse("2026-12-19T11:00:00Z"));
        List<RunRecord> runs = List.of(
                run("a1", 1, ExecutionStatus.SUCCEEDED, "a", old),
                run("a2", 2, ExecutionStatus.FAILED, "a", recent),
                run("a3", 3, ExecutionStatus.SUCCEEDED, "a", recent),
                run("a4", 4, ExecutionStatus.IN_PROGRESS, "a", Optional.empty()),
                run("b1", 5, ExecutionStatus.SUCCEEDED, "b", old));
        await(() -> store.save(runs, List.of(), Map.of(), List.of(jobOf("j-a1", "a1"), jobOf("j-a3", "a3"))));
        await(() -> store.appendLog("j-a1", 0, List.of("one", "two")));

        assertThat(await(() -> store.expiredRuns(new RetentionPolicy(Optional.of(2), Optional.empty()), now, 100)))
                .as("a keeps its newest two (one of them live), b its only one")
                .containsExactly("a1", "a2");
        assertThat(await(() -> store.expiredRuns(new RetentionPolicy(Optional.empty(), Optional.of(7)), now, 100)))
                .containsExactlyInAnyOrder("a1", "b1");
        assertThat(await(() -> store.expiredRuns(new RetentionPolicy(Optional.of(3), Optional.of(7)), now, 100)))
                .containsExactlyInAnyOrder("a1", "b1");

        assertThat(await(() -> store.removeRuns(List.of("a1", "b1")))).containsExactly("j-a1");

        assertThat(await(() -> store.run("a1"))).isEmpty();
        assertThat(await(() -> store.job("j-a1"))).isEmpty();
        assertThat(await(() -> store.log("j-a1", 0, 10))).isEmpty();
        assertThat(await(() -> store.run("a3"))).isPresent();
        assertThat(await(() -> store.job("j-a3"))).isPresent();
    }
}
