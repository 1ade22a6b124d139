package dev.kiln.model.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.kiln.model.pipeline.ActionType;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A run (CodePipeline's pipeline execution) as the API shows it.
 *
 * @param id the run's id
 * @param pipeline its pipeline
 * @param repository its repository
 * @param status where it stands
 * @param message why it ended as it did
 * @param trigger what started it
 * @param ref the ref pushed, or null
 * @param sourceRevision the full commit id
 * @param commitTitle the first line of the commit's message, or null when the mirror no longer has it
 * @param author the commit's author, or null
 * @param startTime when it started
 * @param endTime when it ended, or null
 * @param stages Source, then the pipeline's stages
 * @param history every status change, in {@code runs show} (null in lists)
 */
public record Run(
        String id,
        String pipeline,
        String repository,
        ExecutionStatus status,
        String message,
        Trigger trigger,
        @Nullable String ref,
        String sourceRevision,
        @Nullable String commitTitle,
        @Nullable String author,
        Instant startTime,
        @Nullable Instant endTime,
        List<Stage> stages,
        @Nullable List<StatusChange> history) {

    /** Whether something in it still runs or waits. */
    public boolean active() {
        return status == ExecutionStatus.IN_PROGRESS || status == ExecutionStatus.STOPPING;
    }

    /**
     * A stage of a run.
     *
     * @param name its name
     * @param status where it stands, or null before it started
     * @param actions its actions
     */
    public record Stage(String name, @Nullable ExecutionStatus status, List<Action> actions) {}

    /**
     * An action of a stage.
     *
     * @param name its name
     * @param type {@code source}, {@code build}, {@code test}, {@code deploy} or {@code approval}
     * @param status where it stands, or null before it started
     * @param message what it said last (a failure, an approval's comment)
     * @param attempt 1, then more with each retry
     * @param deadline when an approval waiting here expires, or null
     * @param runOrder actions of a stage with the same run order run side by side
     */
    public record Action(
            String name,
            String type,
            @Nullable ExecutionStatus status,
            String message,
            int attempt,
            @Nullable Instant deadline,
            int runOrder) {

        /** Whether it is an approval. */
        @JsonIgnore
        public boolean isApproval() {
            return ActionType.APPROVAL.fileName().equals(type);
        }

        /** Whether it is a test action (its build's reports are worth a page). */
        @JsonIgnore
        public boolean isTest() {
            return ActionType.TEST.fileName().equals(type);
        }
    }

    /**
     * A change of status of the run, a stage or an action.
     *
     * @param stage the stage, or null for the run
     * @param action the action, or null for the stage or the run
     * @param status the new status
     * @param message why
     * @param time when
     */
    public record StatusChange(
            @Nullable String stage, @Nullable String action, ExecutionStatus status, String message, Instant time) {}
}
