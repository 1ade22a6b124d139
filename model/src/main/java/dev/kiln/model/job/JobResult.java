package dev.kiln.model.job;

import dev.kiln.model.build.StatusType;
import java.util.Map;

/**
 * How a job ended, as its agent reports it.
 *
 * @param buildStatus the build's status in CodeBuild's words: {@code SUCCEEDED}, {@code FAILED}, {@code FAULT},
 *     {@code TIMED_OUT}, {@code STOPPED}
 * @param message what went wrong, in a line, or empty
 * @param outputs the key in the object store of each output artifact made, by name
 * @param logLines how many log lines the agent sent before this result
 */
public record JobResult(StatusType buildStatus, String message, Map<String, String> outputs, long logLines) {
    public JobResult {
        outputs = Map.copyOf(outputs);
    }

    /** Whether the action succeeded. */
    public boolean succeeded() {
        return buildStatus == StatusType.SUCCEEDED;
    }
}
