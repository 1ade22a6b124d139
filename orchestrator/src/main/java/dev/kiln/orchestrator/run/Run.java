package dev.kiln.orchestrator.run;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.pipeline.Action;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.model.pipeline.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** One run of a pipeline: its status and each stage's and action's. Changed only by its {@link PipelineExecutor}. */
public final class Run {
    private final String id;
    private final String revision;
    private final Pipeline plan;
    private final List<StageRun> stages = new ArrayList<>();
    ExecutionStatus status = ExecutionStatus.IN_PROGRESS;
    String message = "";
    int stageIndex = -1;
    boolean waiting;
    boolean stopRequested;
    boolean abandon;

    Run(String id, String revision, Pipeline pipeline) {
        this.id = id;
        this.revision = revision;
        this.plan = pipeline;
        for (Stage stage : pipeline.stages()) {
            stages.add(new StageRun(stage));
        }
    }

    private Run(RunSnapshot snapshot) {
        this.id = snapshot.id();
        this.revision = snapshot.revision();
        this.plan = snapshot.plan();
        this.status = snapshot.status();
        this.message = snapshot.message();
        this.stageIndex = snapshot.stageIndex();
        this.waiting = snapshot.waiting();
        this.stopRequested = snapshot.stopRequested();
        this.abandon = snapshot.abandon();
        for (Stage stage : plan.stages()) {
            StageRun stageRun = new StageRun(stage);
            snapshot.stages().stream()
                    .filter(s -> s.name().equals(stage.name()))
                    .findFirst()
                    .ifPresent(saved -> stageRun.restore(saved));
            stages.add(stageRun);
        }
    }

    static Run restore(RunSnapshot snapshot) {
        return new Run(snapshot);
    }

    /** Its whole state, to save and to {@link PipelineExecutor#restore} after a restart. */
    public RunSnapshot snapshot() {
        List<RunSnapshot.StageState> stageStates = new ArrayList<>();
        for (StageRun stage : stages) {
            List<RunSnapshot.ActionState> actionStates = new ArrayList<>();
            for (ActionRun action : stage.actions) {
                actionStates.add(new RunSnapshot.ActionState(
                        action.name(),
                        Optional.ofNullable(action.status),
                        action.message,
                        action.attempt,
                        Optional.ofNullable(action.deadline)));
            }
            stageStates.add(new RunSnapshot.StageState(stage.name(), stage.status(), actionStates));
        }
        return new RunSnapshot(
                id, revision, plan, status, message, stageIndex, waiting, stopRequested, abandon, stageStates);
    }

    public String id() {
        return id;
    }

    /** The pipeline plan it runs, read from its commit. */
    public Pipeline plan() {
        return plan;
    }

    /** The index of the stage it is in, waits at or ended in; -1 before the first. */
    public int stageIndex() {
        return stageIndex;
    }

    /** The commit the run builds. */
    public String revision() {
        return revision;
    }

    public ExecutionStatus status() {
        return status;
    }

    /** Why it ended as it did, or empty. */
    public String message() {
        return message;
    }

    /** Whether it waits at the entrance of a stage another run holds. */
    public boolean isWaiting() {
        return waiting;
    }

    /** Its stages, in order. */
    public List<StageRun> stages() {
        return List.copyOf(stages);
    }

    /** A stage by name. */
    public Optional<StageRun> stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    StageRun stageAt(int index) {
        return stages.get(index);
    }

    int stageCount() {
        return stages.size();
    }

    /** One stage of a run; its status is empty until the run enters it. */
    public static final class StageRun {
        private final Stage plan;
        private final List<ActionRun> actions = new ArrayList<>();

        @Nullable
        ExecutionStatus status;

        StageRun(Stage plan) {
            this.plan = plan;
            for (Action action : plan.actions()) {
                actions.add(new ActionRun(action));
            }
        }

        public String name() {
            return plan.name();
        }

        public Optional<ExecutionStatus> status() {
            return Optional.ofNullable(status);
        }

        public List<ActionRun> actions() {
            return List.copyOf(actions);
        }

        /** An action by name. */
        public Optional<ActionRun> action(String name) {
            return actions.stream().filter(a -> a.name().equals(name)).findFirst();
        }

        List<ActionRun> mutableActions() {
            return actions;
        }

        void restore(RunSnapshot.StageState saved) {
            status = saved.status().orElse(null);
            for (ActionRun action : actions) {
                saved.actions().stream()
                        .filter(a -> a.name().equals(action.name()))
                        .findFirst()
                        .ifPresent(a -> {
                            action.status = a.status().orElse(null);
                            action.message = a.message();
                            action.attempt = a.attempt();
                            action.deadline = a.deadline().orElse(null);
                        });
            }
        }
    }

    /** One action of a run; its status is empty until it starts. */
    public static final class ActionRun {
        private final Action plan;

        @Nullable
        ExecutionStatus status;

        String message = "";
        int attempt;

        @Nullable
        Instant deadline;

        ActionRun(Action plan) {
            this.plan = plan;
        }

        public String name() {
            return plan.name();
        }

        public Action plan() {
            return plan;
        }

        public Optional<ExecutionStatus> status() {
            return Optional.ofNullable(status);
        }

        public String message() {
            return message;
        }

        /** How many times it has been started. */
        public int attempt() {
            return attempt;
        }
    }
}
