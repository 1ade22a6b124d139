package dev.kiln.agent.engine;

import dev.kiln.agent.backend.ComputeType;
import dev.kiln.agent.secret.SecretProvider;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.source.Source;
import dev.kiln.agent.source.SourceFetcher;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything one build needs, resolved and checked: the engine does no parsing.
 *
 * @param projectName the project; part of the build id
 * @param buildNumber the project's build number for this build
 * @param source the primary source: a directory on this machine, a git repository, a zip archive or none
 * @param secondarySources further sources, each at {@code CODEBUILD_SRC_DIR_<identifier>}
 * @param buildspec the buildspec, compiled already or to read from the source
 * @param image the build image
 * @param computeType the compute type
 * @param privileged whether the container is privileged
 * @param projectEnvironment project-level variables (override the buildspec's)
 * @param overrideEnvironment start-time overrides (override everything but CODEBUILD_ variables)
 * @param timeout the build timeout
 * @param artifacts where artifacts go and how they are packaged
 * @param initiator who started the build ({@code CODEBUILD_INITIATOR})
 * @param region the region reported to the build
 * @param accountId the account id in ARNs
 * @param sourceFetcher fetches git sources
 * @param cache where the buildspec's {@code cache} is kept between builds, if anywhere
 * @param secrets where {@code parameter-store} and {@code secrets-manager} values come from
 * @param certificates PEM certificates the build trusts besides the image's own (CodeBuild's certificate setting)
 */
public record BuildRequest(
        String projectName,
        long buildNumber,
        Source source,
        List<SecondarySource> secondarySources,
        BuildspecSource buildspec,
        String image,
        ComputeType computeType,
        boolean privileged,
        Map<String, String> projectEnvironment,
        Map<String, String> overrideEnvironment,
        Duration timeout,
        ArtifactSettings artifacts,
        String initiator,
        String region,
        String accountId,
        SourceFetcher sourceFetcher,
        Optional<CacheSettings> cache,
        SecretProvider secrets,
        List<String> certificates) {

    public BuildRequest {
        secondarySources = List.copyOf(secondarySources);
        certificates = List.copyOf(certificates);
        projectEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(projectEnvironment));
        overrideEnvironment = Collections.unmodifiableMap(new LinkedHashMap<>(overrideEnvironment));
    }
}
