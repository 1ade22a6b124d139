package dev.kiln.model.buildspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A batch task's environment overrides.
 *
 * @param computeType compute type
 * @param image image
 * @param privilegedMode privileged mode
 * @param type environment type
 * @param variables variables
 */
public record BatchEnv(
        Optional<String> computeType,
        Optional<String> image,
        Optional<Boolean> privilegedMode,
        Optional<String> type,
        Map<String, String> variables) {

    /** No overrides. */
    public static final BatchEnv NONE =
            new BatchEnv(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Map.of());

    public BatchEnv {
        variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
    }
}
