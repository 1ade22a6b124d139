package dev.kiln.orchestrator.core;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StateStore;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An orchestrator rebuilt from its store after a start or a crash. Runs in progress go on where they were; a run
 * caught in its Source stage fails saying so; queued jobs queue again; jobs held by agents stay theirs for 30 s, in
 * which the agents say hello again (or lose them).
 */
final class Recovery {
    static final String INTERRUPTED_SOURCE =
            "the orchestrator stopped while this run's source was read; start the run again";

    private Recovery() {}

    static Future<Orchestrator> recover(Context context, StateStore store, SourceStep source, Clock clock) {
        return store.lastRunSeq().compose(seq -> {
            Orchestrator o = new Orchestrator(context, store, source, clock, seq);
            return store.repositories()
                    .map(repos -> {
                        repos.forEach(o::known);
                        return o;
                    })
                    .compose(x -> store.stageEntries())
                    .compose(entries -> store.activeRuns().compose(runs -> restoreRuns(o, entries, runs)))
                    .compose(restored -> store.openJobs().compose(jobs -> restoreJobs(o, restored, jobs)))
                    .compose(v -> o.step())
                    .map(o);
        });
    }

    private static Future<Set<String>> restoreRuns(
            Orchestrator o, Map<String, Map<String, String>> entries, List<RunRecord> runs) {
        Set<String> restored = new HashSet<>();
        List<Future<Void>> outputs = new ArrayList<>();
        for (RunRecord record : runs) {
            o.knownPipeline(record.pipeline(), record.repository());
            Optional<Pipeline> plan = RunBook.plan(record);
            boolean sourceDone = record.stages()
                    .get(0)
                    .status()
                    .filter(ExecutionStatus.SUCCEEDED::equals)
                    .isPresent();
            if (plan.isEmpty() || !sourceDone) {
                o.book.restoreAtSource(record);
                o.book.failAtSource(o.book.meta(record.id()).orElseThrow(), INTERRUPTED_SOURCE);
                continue;
            }
            o.book.restore(record, plan.get(), entries.getOrDefault(record.pipeline(), Map.of()));
            restored.add(record.id());
            outputs.add(o.store.jobs(record.id()).map(jobs -> {
                RunMeta meta = o.book.meta(record.id()).orElseThrow();
                jobs.forEach(job -> meta.outputs.putAll(job.outputs()));
                return null;
            }));
        }
        return Future.all(outputs).map(restored);
    }

    private static Future<Void> restoreJobs(Orchestrator o, Set<String> restored, List<JobRecord> jobs) {
        for (JobRecord job : jobs) {
            if (!job.runId().isEmpty() && !restored.contains(job.runId())) {
                o.update(job.with(
                        JobState.ABANDONED,
                        job.agentId(),
                        "its run is no longer in progress",
                        Optional.of(o.clock.instant())));
            } else if (job.state() == JobState.QUEUED) {
                o.board.queue(job);
            } else {
                o.board.adopt(job, o.clock.instant());
            }
        }
        return Future.succeededFuture();
    }
}
