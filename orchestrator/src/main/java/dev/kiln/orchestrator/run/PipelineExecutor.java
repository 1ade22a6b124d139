package dev.kiln.orchestrator.run;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.pipeline.ActionType;
import dev.kiln.model.pipeline.ExecutionMode;
import dev.kiln.model.pipeline.Pipeline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The runs of one pipeline, with CodePipeline's rules. Stages run in order, each action group of a stage by run
 * order; a failed action lets the others of its group finish, then fails its stage and the run. In SUPERSEDED and
 * QUEUED modes a stage holds one run at a time and the others wait at its entrance: SUPERSEDED keeps only the newest
 * waiting run there (an older one becomes Superseded), QUEUED keeps them all in order; PARALLEL runs never wait. Build,
 * test and deploy actions are handed out as {@link Dispatch}es; approvals wait for {@link #approve} or expire. Every
 * status change goes to {@link #history()}. Not thread-safe: one caller drives it.
 */
public final class PipelineExecutor {
    private final String pipelineName;
    private final Pipeline defaultPlan;
    private final Clock clock;
    private ExecutionMode mode;
    private final Map<String, Run> runs = new LinkedHashMap<>();
    private final StageGates gates = new StageGates();
    private final List<StatusChange> history = new ArrayList<>();
    private final List<Dispatch> dispatches = new ArrayList<>();

    /** An executor for a pipeline's runs; {@code plan} is used by {@link #start(String, String)}. */
    public PipelineExecutor(Pipeline plan, Clock clock) {
        this.pipelineName = plan.name().orElse("");
        this.defaultPlan = plan;
        this.clock = clock;
        this.mode = plan.executionMode();
    }

    /** Starts a run of a commit with the executor's plan. */
    public Run start(String runId, String revision) {
        return start(runId, revision, defaultPlan);
    }

    /**
     * Starts a run of a commit with the plan read from that commit: it enters the first stage, or waits at it. The
     * newest run's execution mode becomes the pipeline's, as a changed pipeline file changes CodePipeline's.
     */
    public Run start(String runId, String revision, Pipeline plan) {
        mode = plan.executionMode();
        Run run = new Run(runId, revision, plan);
        runs.put(runId, run);
        record(run, null, null, ExecutionStatus.IN_PROGRESS, "");
        enter(run, 0);
        return run;
    }

    /**
     * Takes back runs saved with {@link Run#snapshot()}, oldest first, after a restart: stages held, runs waiting at
     * them (in that order) and which run entered each stage last are rebuilt. Nothing is dispatched again; the
     * caller knows which jobs are still out.
     */
    public void restore(List<RunSnapshot> snapshots, Map<String, String> lastEnteredStages) {
        for (RunSnapshot snapshot : snapshots) {
            Run run = Run.restore(snapshot);
            runs.put(run.id(), run);
            mode = snapshot.plan().executionMode();
            if (run.status.isFinal() || run.stageIndex < 0) {
                continue;
            }
            String stage = run.stageAt(run.stageIndex).name();
            if (run.waiting) {
                gates.queue(stage).add(run);
            } else if (mode != ExecutionMode.PARALLEL) {
                gates.hold(stage, run.id());
            }
        }
        gates.restoreEntered(lastEnteredStages);
    }

    /** Which run entered each stage last: a failed run's stage can be retried only while it is that run. */
    public Map<String, String> lastEntered() {
        return gates.lastEntered();
    }

    /** Forgets a finished run (it stays in the store); a later retry must {@link #restore} it first. */
    public void forget(String runId) {
        Run run = runs.get(runId);
        if (run != null && run.status.isFinal()) {
            runs.remove(runId);
        }
    }

    /** The runs it holds, oldest first. */
    public List<Run> runs() {
        return List.copyOf(runs.values());
    }

    /** A run by id. */
    public Optional<Run> run(String runId) {
        return Optional.ofNullable(runs.get(runId));
    }

    /** The actions handed out since the last call, to give to agents. */
    public List<Dispatch> takeDispatches() {
        List<Dispatch> out = List.copyOf(dispatches);
        dispatches.clear();
        return out;
    }

    /** Every status change not yet taken, in order. */
    public List<StatusChange> history() {
        return List.copyOf(history);
    }

    /** The status changes since the last call, to save; {@link #history()} then starts afresh. */
    public List<StatusChange> takeChanges() {
        List<StatusChange> out = List.copyOf(history);
        history.clear();
        return out;
    }

    /** An agent's result for a dispatched action; results for actions no longer in progress are ignored. */
    public void finished(String runId, String stage, String action, boolean succeeded, String message) {
        Run run = existing(runId);
        Run.StageRun stageRun = stageOf(run, stage);
        Run.ActionRun actionRun = actionOf(stageRun, action);
        if (actionRun.status != ExecutionStatus.IN_PROGRESS) {
            return;
        }
        end(run, stageRun, actionRun, succeeded ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED, message);
        settle(run);
    }

    /** Approves or rejects a waiting approval; {@code actor} (who decided) may be empty. */
    public void approve(String runId, String stage, String action, boolean approved, String actor, String comment) {
        Run run = existing(runId);
        Run.StageRun stageRun = stageOf(run, stage);
        Run.ActionRun actionRun = actionOf(stageRun, action);
        if (actionRun.plan().type() != ActionType.APPROVAL || actionRun.status != ExecutionStatus.IN_PROGRESS) {
            throw new RunRefusedException("action " + action + " of stage " + stage + " in run " + runId
                    + " is not an approval waiting for an answer");
        }
        end(
                run,
                stageRun,
                actionRun,
                approved ? ExecutionStatus.SUCCEEDED : ExecutionStatus.FAILED,
                (approved ? "approved" : "rejected")
                        + (actor == null || actor.isBlank() ? "" : " by " + actor)
                        + (comment == null || comment.isBlank() ? "" : ": " + comment));
        settle(run);
    }

    /** Fails every approval whose time is up. */
    public void expireApprovals() {
        Instant now = clock.instant();
        for (Run run : List.copyOf(runs.values())) {
            if (run.status.isFinal() || run.waiting || run.stageIndex < 0) {
                continue;
            }
            Run.StageRun stage = run.stageAt(run.stageIndex);
            boolean expired = false;
            for (Run.ActionRun action : stage.mutableActions()) {
                if (action.status == ExecutionStatus.IN_PROGRESS
                        && action.deadline != null
                        && !now.isBefore(action.deadline)) {
                    end(
                            run,
                            stage,
                            action,
                            ExecutionStatus.FAILED,
                            "approval expired after "
                                    + action.plan().timeoutMinutes().orElse(0) + " minutes without an answer");
                    expired = true;
                }
            }
            if (expired) {
                settle(run);
            }
        }
    }

    /**
     * Stops a run. Without {@code abandon} its running actions finish and nothing new starts; with it they are
     * abandoned at once. A stop may become an abandon, not the reverse.
     */
    public void stop(String runId, boolean abandon, String reason) {
        Run run = existing(runId);
        if (run.status != ExecutionStatus.IN_PROGRESS && run.status != ExecutionStatus.STOPPING) {
            throw new RunRefusedException("run " + runId + " is " + run.status.wireName() + ", not in progress");
        }
        if (run.status == ExecutionStatus.STOPPING && (run.abandon || !abandon)) {
            throw new RunRefusedException("run " + runId + " is already stopping"
                    + (run.abandon ? " (abandoning)" : "; only --abandon can be added"));
        }
        String why = reason == null || reason.isBlank() ? "stopped" : "stopped: " + reason;
        if (run.waiting) {
            gates.queue(name(run, run.stageIndex)).remove(run);
            run.waiting = false;
            finish(run, ExecutionStatus.STOPPED, why);
            return;
        }
        run.stopRequested = true;
        run.abandon = abandon;
        run.message = why;
        if (run.status != ExecutionStatus.STOPPING) {
            run.status = ExecutionStatus.STOPPING;
            record(run, null, null, ExecutionStatus.STOPPING, why);
        }
        Run.StageRun stage = run.stageAt(run.stageIndex);
        if (abandon) {
            for (Run.ActionRun action : stage.mutableActions()) {
                if (action.status == ExecutionStatus.IN_PROGRESS) {
                    end(run, stage, action, ExecutionStatus.ABANDONED, why);
                }
            }
        }
        settle(run);
    }

    /**
     * Retries a failed or stopped stage of a run: its failed, abandoned and unstarted actions, or all of them.
     * Refused once a newer run has entered that stage.
     */
    public void retry(String runId, String stage, boolean allActions) {
        Run run = existing(runId);
        Run.StageRun stageRun = stageOf(run, stage);
        int index = run.stages().indexOf(stageRun);
        if ((run.status != ExecutionStatus.FAILED && run.status != ExecutionStatus.STOPPED)
                || index != run.stageIndex) {
            throw new RunRefusedException(
                    "run " + runId + " did not fail or stop in stage " + stage + "; only that stage can be retried");
        }
        if (!gates.lastEntered(stage).filter(runId::equals).isPresent()) {
            throw new RunRefusedException("a newer run has entered stage " + stage + " since; start a new run");
        }
        if (mode != ExecutionMode.PARALLEL && gates.holder(stage).isPresent()) {
            throw new RunRefusedException("stage " + stage + " is busy with run "
                    + gates.holder(stage).get());
        }
        boolean any = false;
        for (Run.ActionRun action : stageRun.mutableActions()) {
            if (allActions || action.status != ExecutionStatus.SUCCEEDED) {
                any |= action.status != null;
                action.status = null;
                action.message = "";
            }
        }
        if (!any && !allActions) {
            throw new RunRefusedException("stage " + stage + " has no failed action to retry");
        }
        run.status = ExecutionStatus.IN_PROGRESS;
        run.stopRequested = false;
        run.abandon = false;
        run.message = "";
        record(run, null, null, ExecutionStatus.IN_PROGRESS, "retrying stage " + stage);
        occupy(run, index);
    }

    private void enter(Run run, int index) {
        if (index >= run.stageCount()) {
            finish(run, ExecutionStatus.SUCCEEDED, "");
            return;
        }
        run.stageIndex = index;
        String stage = name(run, index);
        boolean locking = mode != ExecutionMode.PARALLEL;
        if (locking && gates.holder(stage).isPresent()) {
            Deque<Run> queue = gates.queue(stage);
            if (mode == ExecutionMode.SUPERSEDED) {
                for (Run older : List.copyOf(queue)) {
                    older.waiting = false;
                    finish(older, ExecutionStatus.SUPERSEDED, "superseded by run " + run.id() + " at stage " + stage);
                }
                queue.clear();
            }
            queue.add(run);
            run.waiting = true;
            return;
        }
        occupy(run, index);
    }

    private void occupy(Run run, int index) {
        String stage = name(run, index);
        if (mode != ExecutionMode.PARALLEL) {
            gates.hold(stage, run.id());
        }
        gates.entered(stage, run.id());
        Run.StageRun stageRun = run.stageAt(index);
        stageRun.status = ExecutionStatus.IN_PROGRESS;
        record(run, stage, null, ExecutionStatus.IN_PROGRESS, "");
        startNextGroup(run, stageRun);
    }

    /** Starts the lowest run order with unstarted actions, or completes the stage. */
    private void startNextGroup(Run run, Run.StageRun stage) {
        int next = stage.mutableActions().stream()
                .filter(a -> a.status == null)
                .mapToInt(a -> a.plan().runOrder())
                .min()
                .orElse(-1);
        if (next < 0) {
            stage.status = ExecutionStatus.SUCCEEDED;
            record(run, stage.name(), null, ExecutionStatus.SUCCEEDED, "");
            int index = run.stageIndex;
            release(stage.name());
            enter(run, index + 1);
            return;
        }
        for (Run.ActionRun action : stage.mutableActions()) {
            if (action.status == null && action.plan().runOrder() == next) {
                action.status = ExecutionStatus.IN_PROGRESS;
                action.attempt++;
                record(run, stage.name(), action.name(), ExecutionStatus.IN_PROGRESS, "");
                if (action.plan().type() == ActionType.APPROVAL) {
                    action.deadline = clock.instant()
                            .plus(Duration.ofMinutes(
                                    action.plan().timeoutMinutes().orElse(10080)));
                } else {
                    dispatches.add(new Dispatch(run.id(), stage.name(), action.name(), action.attempt));
                }
            }
        }
    }

    /** After an action ended: waits for the rest of its group, then goes on, fails or stops the stage. */
    private void settle(Run run) {
        Run.StageRun stage = run.stageAt(run.stageIndex);
        if (stage.mutableActions().stream().anyMatch(a -> a.status == ExecutionStatus.IN_PROGRESS)) {
            return;
        }
        if (run.stopRequested) {
            stage.status = ExecutionStatus.STOPPED;
            record(run, stage.name(), null, ExecutionStatus.STOPPED, run.message);
            release(stage.name());
            finish(run, ExecutionStatus.STOPPED, run.message);
            return;
        }
        Optional<Run.ActionRun> failed = stage.mutableActions().stream()
                .filter(a -> a.status == ExecutionStatus.FAILED)
                .findFirst();
        if (failed.isPresent()) {
            String why = "action " + failed.get().name() + " failed"
                    + (failed.get().message.isBlank() ? "" : ": " + failed.get().message);
            stage.status = ExecutionStatus.FAILED;
            record(run, stage.name(), null, ExecutionStatus.FAILED, why);
            release(stage.name());
            finish(run, ExecutionStatus.FAILED, why);
            return;
        }
        startNextGroup(run, stage);
    }

    /** Unlocks a stage and lets the run waiting at its entrance in (the newest one, or the first in the queue). */
    private void release(String stage) {
        gates.release(stage).ifPresent(next -> {
            next.waiting = false;
            occupy(next, next.stageIndex);
        });
    }

    private void end(Run run, Run.StageRun stage, Run.ActionRun action, ExecutionStatus status, String message) {
        action.status = status;
        action.message = message == null ? "" : message;
        action.deadline = null;
        record(run, stage.name(), action.name(), status, action.message);
    }

    private void finish(Run run, ExecutionStatus status, String message) {
        run.status = status;
        run.message = message;
        record(run, null, null, status, message);
    }

    private void record(
            Run run, @Nullable String stage, @Nullable String action, ExecutionStatus status, String message) {
        history.add(new StatusChange(run.id(), stage, action, status, message, clock.instant()));
    }

    private static String name(Run run, int index) {
        return run.stageAt(index).name();
    }

    private Run existing(String runId) {
        Run run = runs.get(runId);
        if (run == null) {
            throw new RunRefusedException("no run " + runId + " of pipeline " + pipelineName);
        }
        return run;
    }

    private static Run.StageRun stageOf(Run run, String stage) {
        return run.stage(stage).orElseThrow(() -> new RunRefusedException("no stage " + stage + " in run " + run.id()));
    }

    private static Run.ActionRun actionOf(Run.StageRun stage, String action) {
        return stage.action(action)
                .orElseThrow(() -> new RunRefusedException("no action " + action + " in stage " + stage.name()));
    }
}
