package dev.kiln.orchestrator.run;

import dev.kiln.model.pipeline.Action;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.model.pipeline.Stage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One run of a pipeline: its status and each stage's and action's. Changed only by its {@link PipelineExecutor}. */
public final class Run {
    private final String id;
    private final String revision;
    private final List<StageRun> stages = new ArrayList<>();
    Status status = Status.IN_PROGRESS;
    String message = "";
    int stageIndex = -1;
    boolean waiting;
    boolean stopRequested;
    boolean abandon;

    Run(String id, String revision, Pipeline pipeline) {
        this.id = id;
        this.revision = revision;
        for (Stage stage : pipeline.stages()) {
            stages.add(new StageRun(stage));
        }
    }

    public String id() {
        return id;
    }

    /** The commit the run builds. */
    public String revision() {
        return revision;
    }

    public Status status() {
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
        Status status;

        StageRun(Stage plan) {
            this.plan = plan;
            for (Action action : plan.actions()) {
                actions.add(new ActionRun(action));
            }
        }

        public String name() {
            return plan.name();
        }

        public Optional<Status> status() {
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
    }

    /** One action of a run; its status is empty until it starts. */
    public static final class ActionRun {
        private final Action plan;
        Status status;
        String message = "";
        int attempt;
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

        public Optional<Status> status() {
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
