package dev.kiln.agent.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a build needs from its environment.
 *
 * @param buildId the build's id, used to label and name resources
 * @param image the image (container backends)
 * @param computeType the compute type, mapped to memory and CPU limits
 * @param privileged whether the container runs privileged
 * @param sourceDirectory the absolute path {@code CODEBUILD_SRC_DIR} has inside the environment
 * @param environment the build's variables, complete and in precedence order already applied
 */
public record EnvironmentSpec(
        String buildId,
        String image,
        ComputeType computeType,
        boolean privileged,
        String sourceDirectory,
        Map<String, String> environment) {

    public EnvironmentSpec {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }
}
