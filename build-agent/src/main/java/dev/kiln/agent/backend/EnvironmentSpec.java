package dev.kiln.agent.backend;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a build needs from its environment.
 *
 * @param buildId the build's id, used to label and name resources
 * @param image the image (container backends)
 * @param computeType the compute type, mapped to memory and CPU limits
 * @param privileged whether the container runs privileged
 * @param sourceDirectory the absolute path {@code CODEBUILD_SRC_DIR} has inside the environment
 * @param environment the build's variables, complete and in precedence order already applied
 * @param dockerLayerCache LOCAL_DOCKER_LAYER_CACHE: whose {@code /var/lib/docker} to keep between builds (the
 *     project's name), if any
 */
public record EnvironmentSpec(
        String buildId,
        String image,
        ComputeType computeType,
        boolean privileged,
        String sourceDirectory,
        Map<String, String> environment,
        Optional<String> dockerLayerCache) {

    public EnvironmentSpec {
        environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** A spec without a docker layer cache. */
    public EnvironmentSpec(
            String buildId,
            String image,
            ComputeType computeType,
            boolean privileged,
            String sourceDirectory,
            Map<String, String> environment) {
        this(buildId, image, computeType, privileged, sourceDirectory, environment, Optional.empty());
    }

    /** The same spec with another image. */
    public EnvironmentSpec withImage(String other) {
        return new EnvironmentSpec(
                buildId, other, computeType, privileged, sourceDirectory, environment, dockerLayerCache);
    }
}
