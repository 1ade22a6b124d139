package dev.kiln.ui;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Run;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A pipeline as the Pipelines view lists it: its latest run, read from the API.
 *
 * @param name the pipeline
 * @param status the latest run's status, or null when it never ran
 * @param stages the latest run's stages in order
 * @param trigger what started the run ({@code poll}, {@code webhook}, {@code manual})
 * @param commit the commit's short id and the first line of its message
 * @param author the commit's author
 * @param started when the run started, or null
 * @param runId the latest run's id, or empty
 */
record PipelineRow(
        String name,
        @Nullable ExecutionStatus status,
        List<Stage> stages,
        String trigger,
        String commit,
        String author,
        @Nullable Instant started,
        String runId) {
    /** A stage of the run, with its status (null: not run). */
    record Stage(String name, @Nullable ExecutionStatus status) {}

    static PipelineRow of(String name, @Nullable Run run) {
        if (run == null) {
            return new PipelineRow(name, null, List.of(), "", "", "", null, "");
        }
        List<Stage> stages = new ArrayList<>();
        for (Run.Stage s : run.stages()) {
            stages.add(new Stage(s.name(), s.status()));
        }
        String commit = run.sourceRevision();
        String title = Objects.requireNonNullElse(run.commitTitle(), "");
        return new PipelineRow(
                name,
                run.status(),
                stages,
                run.trigger().wireName(),
                (commit.length() > 10 ? commit.substring(0, 10) : commit) + (title.isEmpty() ? "" : " " + title),
                Objects.requireNonNullElse(run.author(), ""),
                run.startTime(),
                run.id());
    }
}
