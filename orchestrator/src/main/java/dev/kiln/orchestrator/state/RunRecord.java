package dev.kiln.orchestrator.state;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Trigger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run as stored: what started it, the commit and pipeline file it runs, and the state of its stages. Stage 0 is
 * always {@code Source}; the pipeline file's stages follow. Statuses are CodePipeline's words ({@code InProgress}).
 *
 * @param id the run's id
 * @param seq its place among all runs, newest highest
 * @param pipeline the pipeline's name
 * @param repository the repository it came from
 * @param trigger what started it: {@code webhook}, {@code poll} or {@code manual}
 * @param ref the branch or tag ref pushed, if any
 * @param revision the full commit id
 * @param pipelineFile the pipeline file's text at that commit, if it had one
 * @param status the run's status
 * @param message why it ended as it did
 * @param stageIndex the engine's stage index (the file's stages, from 0), -1 before the first
 * @param waiting whether it waits at that stage's entrance
 * @param stopRequested whether a stop was asked for
 * @param abandon whether that stop abandons running actions
 * @param startTime when it started
 * @param endTime when it ended
 * @param stages Source, then the file's stages
 */
public record RunRecord(
        String id,
        long seq,
        String pipeline,
        String repository,
        Trigger trigger,
        Optional<String> ref,
        String revision,
        Optional<String> pipelineFile,
        ExecutionStatus status,
        String message,
        int stageIndex,
        boolean waiting,
        boolean stopRequested,
        boolean abandon,
        Instant startTime,
        Optional<Instant> endTime,
        List<StageRecord> stages) {

    public RunRecord {
        stages = List.copyOf(stages);
    }

    /**
     * A stage of a run.
     *
     * @param name the stage's name
     * @param status empty until the run enters it
     * @param actions its actions
     */
    public record StageRecord(String name, Optional<ExecutionStatus> status, List<ActionRecord> actions) {
        public StageRecord {
            actions = List.copyOf(actions);
        }
    }

    /**
     * An action of a stage.
     *
     * @param name the action's name
     * @param type {@code build}, {@code test}, {@code deploy}, {@code approval} or {@code source}
     * @param status empty until it starts
     * @param message why it ended as it did
     * @param attempt how many times it was started
     * @param deadline when a waiting approval expires
     * @param runOrder its run order in the stage: actions with the same one run side by side
     */
    public record ActionRecord(
            String name,
            String type,
            Optional<ExecutionStatus> status,
            String message,
            int attempt,
            Optional<Instant> deadline,
            int runOrder) {}
}
