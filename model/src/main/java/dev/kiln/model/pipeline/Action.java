package dev.kiln.model.pipeline;

import java.util.List;
import java.util.Optional;

/**
 * One action of a stage.
 *
 * @param name unique in its stage
 * @param type what it does
 * @param runOrder actions of a stage with the same run order run in parallel; a higher one waits for the lower
 * @param buildspec for build and test actions
 * @param image the build image, for build and test actions; the agent's default when empty
 * @param inputs artifact names, {@code source} for the pushed commit's tree; the first is the primary source
 * @param outputs artifact names it produces; the first is its primary artifact
 * @param environment where a deploy action ships
 * @param timeoutMinutes how long it may take (an approval: how long it waits)
 * @param labels agent labels the action needs
 * @param computeType the build's compute type ({@code BUILD_GENERAL1_SMALL}, ...); the agent's default when empty
 * @param privileged whether the build gets a container engine for docker commands (CodeBuild's privileged mode)
 * @param line where the action starts in the pipeline file
 */
public record Action(
        String name,
        ActionType type,
        int runOrder,
        Optional<ActionBuildspec> buildspec,
        Optional<String> image,
        List<String> inputs,
        List<String> outputs,
        Optional<String> environment,
        Optional<Integer> timeoutMinutes,
        List<String> labels,
        Optional<String> computeType,
        boolean privileged,
        int line) {

    public Action {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        labels = List.copyOf(labels);
    }
}
