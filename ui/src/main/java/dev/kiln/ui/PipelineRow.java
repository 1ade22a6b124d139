package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline as the Pipelines view lists it: its latest run, read from the API.
 *
 * @param name the pipeline
 * @param status the latest run's status, or empty when it never ran
 * @param stages the latest run's stages in order
 * @param trigger what started the run ({@code poll}, {@code webhook}, {@code manual})
 * @param commit the commit's short id and the first line of its message
 * @param author the commit's author
 * @param started when the run started, or null
 * @param runId the latest run's id, or empty
 */
record PipelineRow(
        String name,
        String status,
        List<Stage> stages,
        String trigger,
        String commit,
        String author,
        Instant started,
        String runId) {
    /** A stage of the run, with its status (empty: not run). */
    record Stage(String name, String status) {}

    static PipelineRow of(String name, JsonNode run) {
        if (run == null) {
            return new PipelineRow(name, "", List.of(), "", "", "", null, "");
        }
        List<Stage> stages = new ArrayList<>();
        for (JsonNode s : run.path("stages")) {
            stages.add(new Stage(
                    s.path("name").asText(),
                    s.path("status").isNull() ? "" : s.path("status").asText()));
        }
        String commit = run.path("sourceRevision").asText();
        String title = StageGraph.text(run.path("commitTitle"));
        return new PipelineRow(
                name,
                run.path("status").asText(),
                stages,
                run.path("trigger").asText(),
                (commit.length() > 10 ? commit.substring(0, 10) : commit) + (title.isEmpty() ? "" : " " + title),
                StageGraph.text(run.path("author")),
                RunInfo.instant(run.path("startTime")),
                run.path("id").asText());
    }
}
