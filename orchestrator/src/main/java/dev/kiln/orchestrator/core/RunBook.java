package dev.kiln.orchestrator.core;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Trigger;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.model.pipeline.PipelineParser;
import dev.kiln.orchestrator.run.Dispatch;
import dev.kiln.orchestrator.run.PipelineExecutor;
import dev.kiln.orchestrator.run.Run;
import dev.kiln.orchestrator.run.RunRefusedException;
import dev.kiln.orchestrator.run.RunSnapshot;
import dev.kiln.orchestrator.run.StatusChange;
import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StatusChangeRecord;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The runs in memory: one engine per pipeline, each run's {@link RunMeta}, and what changed since the last save.
 * Runs that ended are dropped from memory once saved; a retry brings one back from its record.
 */
final class RunBook {
    static final String SOURCE = "Source";

    private final Clock clock;
    private final Map<String, PipelineExecutor> executors = new HashMap<>();
    private final Map<String, RunMeta> meta = new HashMap<>();
    private final Set<String> dirty = new LinkedHashSet<>();
    private final Set<String> touchedPipelines = new LinkedHashSet<>();
    private final List<StatusChangeRecord> sourceChanges = new ArrayList<>();
    private long lastSeq;

    RunBook(Clock clock, long lastSeq) {
        this.clock = clock;
        this.lastSeq = lastSeq;
    }

    /** A new run's identity and origin; its Source stage is in progress. */
    RunMeta open(
            String pipeline,
            String repository,
            Trigger trigger,
            Optional<String> ref,
            String revision,
            Optional<String> pipelineFile) {
        long seq = ++lastSeq;
        RunMeta run = new RunMeta(
                Long.toString(seq), seq, pipeline, repository, trigger, ref, revision, pipelineFile, clock.instant());
        meta.put(run.id, run);
        dirty.add(run.id);
        sourceChange(run, Optional.empty(), ExecutionStatus.IN_PROGRESS, "");
        sourceChange(run, Optional.of(SOURCE), ExecutionStatus.IN_PROGRESS, "");
        return run;
    }

    /** The Source stage succeeded: the run enters the plan's first stage. */
    void start(RunMeta run, Pipeline plan) {
        run.sourceStatus = ExecutionStatus.SUCCEEDED;
        run.sourceMessage = run.revision;
        sourceChange(run, Optional.of(SOURCE), ExecutionStatus.SUCCEEDED, run.revision);
        executor(run.pipeline, plan).start(run.id, run.revision, plan);
        touchedPipelines.add(run.pipeline);
        dirty.add(run.id);
    }

    /** The Source stage failed (no or a malformed pipeline file, an unreadable commit): so does the run. */
    void failAtSource(RunMeta run, String message) {
        run.sourceStatus = ExecutionStatus.FAILED;
        run.sourceMessage = message;
        run.endTime = clock.instant();
        sourceChange(run, Optional.of(SOURCE), ExecutionStatus.FAILED, message);
        sourceChange(run, Optional.empty(), ExecutionStatus.FAILED, message);
        dirty.add(run.id);
    }

    /** Takes back a run caught in its Source stage, to fail it. */
    void restoreAtSource(RunRecord record) {
        meta.put(record.id(), meta(record));
    }

    /** Takes back an unfinished run after a restart. */
    void restore(RunRecord record, Pipeline plan, Map<String, String> lastEntered) {
        RunMeta run = RunBook.meta(record);
        run.sourceStatus = record.stages().get(0).status().orElse(ExecutionStatus.SUCCEEDED);
        run.sourceMessage = record.stages().get(0).actions().get(0).message();
        meta.put(run.id, run);
        executor(run.pipeline, plan).restore(List.of(snapshot(record, plan)), lastEntered);
    }

    private static RunMeta meta(RunRecord record) {
        return new RunMeta(
                record.id(),
                record.seq(),
                record.pipeline(),
                record.repository(),
                record.trigger(),
                record.ref(),
                record.revision(),
                record.pipelineFile(),
                record.startTime());
    }

    /** A run in memory, by id. */
    Optional<RunMeta> meta(String runId) {
        return Optional.ofNullable(meta.get(runId));
    }

    /** A run's engine state, if in memory. */
    Optional<Run> run(String runId) {
        RunMeta run = meta.get(runId);
        if (run == null || !executors.containsKey(run.pipeline)) {
            return Optional.empty();
        }
        return executors.get(run.pipeline).run(runId);
    }

    /** The engine of a run in memory. */
    PipelineExecutor executorOf(String runId) {
        RunMeta run = meta.get(runId);
        if (run == null || !executors.containsKey(run.pipeline)) {
            throw new RunRefusedException("run " + runId + " is not in progress here");
        }
        touchedPipelines.add(run.pipeline);
        return executors.get(run.pipeline);
    }

    /** Every engine, to expire approvals. */
    List<PipelineExecutor> executors() {
        return List.copyOf(executors.values());
    }

    /** Marks every pipeline touched (after a tick may have changed any). */
    void touchAll() {
        touchedPipelines.addAll(executors.keySet());
    }

    /** The dispatches every engine made since the last call. */
    List<Dispatch> takeDispatches() {
        List<Dispatch> out = new ArrayList<>();
        for (String pipeline : touchedPipelines) {
            PipelineExecutor executor = executors.get(pipeline);
            if (executor != null) {
                out.addAll(executor.takeDispatches());
            }
        }
        return out;
    }

    /** What to save: changed runs whole, their status changes, stage entries of touched pipelines. */
    Changes takeChanges() {
        List<StatusChangeRecord> changes = new ArrayList<>(sourceChanges);
        sourceChanges.clear();
        Map<String, Map<String, String>> entries = new HashMap<>();
        for (String pipeline : touchedPipelines) {
            PipelineExecutor executor = executors.get(pipeline);
            if (executor == null) {
                continue;
            }
            List<StatusChange> taken = executor.takeChanges();
            if (taken.isEmpty()) {
                continue; // nothing moved: which run entered each stage last is as saved
            }
            for (StatusChange change : taken) {
                dirty.add(change.runId());
                ActivityLog.statusChanged(pipeline, change);
                changes.add(new StatusChangeRecord(
                        change.runId(),
                        Optional.ofNullable(change.stage()),
                        Optional.ofNullable(change.action()),
                        change.status(),
                        change.message(),
                        change.time()));
            }
            entries.put(pipeline, executor.lastEntered());
        }
        touchedPipelines.clear();
        List<RunRecord> runs = new ArrayList<>();
        for (String id : dirty) {
            RunMeta run = meta.get(id);
            if (run != null) {
                runs.add(record(run));
            }
        }
        dirty.clear();
        return new Changes(runs, changes, entries);
    }

    /** A save that succeeded: runs it saved ended are dropped from memory (unless they changed since). */
    void saved(Changes changes) {
        for (RunRecord saved : changes.runs()) {
            if (saved.endTime().isPresent()
                    && !dirty.contains(saved.id())
                    && run(saved.id()).map(r -> r.status().isFinal()).orElse(true)) {
                forget(saved.id());
            }
        }
    }

    /** A save that failed: its runs and status changes go into the next one. */
    void unsaved(Changes changes) {
        sourceChanges.addAll(0, changes.changes());
        for (RunRecord run : changes.runs()) {
            if (meta.containsKey(run.id())) {
                dirty.add(run.id());
            }
        }
    }

    /** A run in memory as a record. */
    RunRecord record(RunMeta run) {
        List<RunRecord.StageRecord> stages = new ArrayList<>();
        stages.add(new RunRecord.StageRecord(
                SOURCE,
                Optional.of(run.sourceStatus),
                List.of(new RunRecord.ActionRecord(
                        SOURCE, "source", Optional.of(run.sourceStatus), run.sourceMessage, 1, Optional.empty(), 1))));
        Optional<Run> engine = run(run.id);
        if (engine.isEmpty()) {
            ExecutionStatus status =
                    run.sourceStatus == ExecutionStatus.FAILED ? ExecutionStatus.FAILED : ExecutionStatus.IN_PROGRESS;
            return record(run, status, run.sourceMessage, -1, false, false, false, stages);
        }
        RunSnapshot state = engine.get().snapshot();
        for (RunSnapshot.StageState stage : state.stages()) {
            List<RunRecord.ActionRecord> actions = new ArrayList<>();
            state.plan().stage(stage.name()).orElseThrow().actions().forEach(plan -> {
                RunSnapshot.ActionState action = stage.actions().stream()
                        .filter(a -> a.name().equals(plan.name()))
                        .findFirst()
                        .orElseThrow();
                actions.add(new RunRecord.ActionRecord(
                        action.name(),
                        plan.type().name().toLowerCase(java.util.Locale.ROOT),
                        action.status(),
                        action.message(),
                        action.attempt(),
                        action.deadline(),
                        plan.runOrder()));
            });
            stages.add(new RunRecord.StageRecord(stage.name(), stage.status(), actions));
        }
        if (state.status().isFinal() && run.endTime == null) {
            run.endTime = clock.instant();
        } else if (!state.status().isFinal()) {
            run.endTime = null;
        }
        return record(
                run,
                state.status(),
                state.message(),
                state.stageIndex(),
                state.waiting(),
                state.stopRequested(),
                state.abandon(),
                stages);
    }

    private static RunRecord record(
            RunMeta run,
            ExecutionStatus status,
            String message,
            int stageIndex,
            boolean waiting,
            boolean stopRequested,
            boolean abandon,
            List<RunRecord.StageRecord> stages) {
        return new RunRecord(
                run.id,
                run.seq,
                run.pipeline,
                run.repository,
                run.trigger,
                run.ref,
                run.revision,
                run.pipelineFile,
                status,
                message,
                stageIndex,
                waiting,
                stopRequested,
                abandon,
                run.startTime,
                Optional.ofNullable(run.endTime),
                stages);
    }

    /** Parses the plan a run was saved with. */
    static Optional<Pipeline> plan(RunRecord record) {
        return record.pipelineFile()
                .flatMap(text -> PipelineParser.parse(PipelineParser.FILE, text).pipeline());
    }

    /** A record's engine state for {@link PipelineExecutor#restore}. */
    static RunSnapshot snapshot(RunRecord record, Pipeline plan) {
        List<RunSnapshot.StageState> stages = new ArrayList<>();
        for (RunRecord.StageRecord stage :
                record.stages().subList(1, record.stages().size())) {
            stages.add(new RunSnapshot.StageState(
                    stage.name(),
                    stage.status(),
                    stage.actions().stream()
                            .map(a -> new RunSnapshot.ActionState(
                                    a.name(), a.status(), a.message(), a.attempt(), a.deadline()))
                            .toList()));
        }
        return new RunSnapshot(
                record.id(),
                record.revision(),
                plan,
                record.status(),
                record.message(),
                record.stageIndex(),
                record.waiting(),
                record.stopRequested(),
                record.abandon(),
                stages);
    }

    private void forget(String runId) {
        RunMeta run = meta.remove(runId);
        if (run != null && executors.containsKey(run.pipeline)) {
            executors.get(run.pipeline).forget(runId);
        }
    }

    private PipelineExecutor executor(String pipeline, Pipeline plan) {
        return executors.computeIfAbsent(pipeline, p -> new PipelineExecutor(plan, clock));
    }

    private void sourceChange(RunMeta run, Optional<String> stage, ExecutionStatus status, String message) {
        sourceChanges.add(
                new StatusChangeRecord(run.id, stage, stage.map(s -> SOURCE), status, message, clock.instant()));
    }

    /** One save's worth of changes. */
    record Changes(
            List<RunRecord> runs, List<StatusChangeRecord> changes, Map<String, Map<String, String>> stageEntries) {}
}
