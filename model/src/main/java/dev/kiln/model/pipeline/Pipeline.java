package dev.kiln.model.pipeline;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A pipeline, compiled from {@code .kiln/pipeline.yml}: what the orchestrator runs. Immutable.
 *
 * @param file the file it was read from, for messages
 * @param name its name; the repository's when empty
 * @param trigger which pushes start a run
 * @param executionMode how runs share stages
 * @param variables given to every action's environment
 * @param stages in order
 */
public record Pipeline(
        String file,
        Optional<String> name,
        PushTrigger trigger,
        ExecutionMode executionMode,
        Map<String, String> variables,
        List<Stage> stages) {

    public Pipeline {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        stages = List.copyOf(stages);
    }

    /** The stage with this name, if any. */
    public Optional<Stage> stage(String stageName) {
        return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
    }
}
