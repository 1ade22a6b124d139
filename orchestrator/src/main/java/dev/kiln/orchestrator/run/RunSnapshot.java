package dev.kiln.orchestrator.run;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.pipeline.Pipeline;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run's whole state at one moment: what the state store saves and restores.
 *
 * @param id the run
 * @param revision the commit it builds
 * @param plan the pipeline read from that commit
 * @param status the run's status
 * @param message why it ended as it did, or empty
 * @param stageIndex the stage it is in, waits at or ended in; -1 before the first
 * @param waiting whether it waits at that stage's entrance
 * @param stopRequested whether a stop was asked for
 * @param abandon whether that stop abandons running actions
 * @param stages each stage's state, in order
 */
public record RunSnapshot(
        String id,
        String revision,
        Pipeline plan,
        ExecutionStatus status,
        String message,
        int stageIndex,
        boolean waiting,
        boolean stopRequested,
        boolean abandon,
        List<StageState> stages) {

    public RunSnapshot {
        stages = List.copyOf(stages);
    }

    /**
     * A stage's state.
     *
     * @param name the stage
     * @param status empty until the run enters it
     * @param actions its actions' states
     */
    public record StageState(String name, Optional<ExecutionStatus> status, List<ActionState> actions) {
        public StageState {
            actions = List.copyOf(actions);
        }
    }

    /**
     * An action's state.
     *
     * @param name the action
     * @param status empty until it starts
     * @param message why it ended as it did
     * @param attempt how many times it was started
     * @param deadline when a waiting approval expires
     */
    public record ActionState(
            String name, Optional<ExecutionStatus> status, String message, int attempt, Optional<Instant> deadline) {}
}
