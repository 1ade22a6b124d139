package dev.kiln.model.buildspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code build-matrix}: every combination of the dynamic values, over the static settings.
 *
 * @param ignoreFailure static {@code ignore-failure}
 * @param staticEnv static environment
 * @param buildspecs dynamic buildspecs
 * @param computeTypes dynamic compute types
 * @param images dynamic images
 * @param variables dynamic variables, each with its values
 */
public record BatchMatrix(
        boolean ignoreFailure,
        BatchEnv staticEnv,
        List<String> buildspecs,
        List<String> computeTypes,
        List<String> images,
        Map<String, List<String>> variables) {
    public BatchMatrix {
        buildspecs = List.copyOf(buildspecs);
        computeTypes = List.copyOf(computeTypes);
        images = List.copyOf(images);
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
