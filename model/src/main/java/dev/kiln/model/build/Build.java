package dev.kiln.model.build;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A build as {@code BatchGetBuilds} reports it: identity, phases and outcome. Immutable snapshot.
 *
 * @param id {@code <project>:<uuid>}
 * @param arn {@code arn:aws:codebuild:<region>:<account>:build/<id>}
 * @param buildNumber the per-project counter
 * @param projectName the project
 * @param startTime when the build was submitted
 * @param endTime when it completed; null while running
 * @param currentPhase the phase it is in, COMPLETED at the end
 * @param buildStatus IN_PROGRESS, then how it ended
 * @param buildComplete whether it has ended
 * @param initiator who started it
 * @param sourceVersion the requested source version, if any
 * @param resolvedSourceVersion the commit id a git source was fetched at
 * @param phases every phase that ran, in order
 * @param exportedEnvironmentVariables the buildspec's exported variables with their final values, in order
 * @param artifacts the primary artifact, if any was produced
 * @param reports the test reports collected from the buildspec's report groups
 * @param environment the image, compute type and backend the build ran on
 * @param timeoutInMinutes the build timeout
 * @param logs where the log is
 */
public record Build(
        String id,
        String arn,
        long buildNumber,
        String projectName,
        Instant startTime,
        @Nullable Instant endTime,
        PhaseType currentPhase,
        StatusType buildStatus,
        boolean buildComplete,
        String initiator,
        @Nullable String sourceVersion,
        @Nullable String resolvedSourceVersion,
        List<BuildPhase> phases,
        List<ExportedVariable> exportedEnvironmentVariables,
        @Nullable BuildArtifacts artifacts,
        List<Report> reports,
        BuildEnvironmentInfo environment,
        double timeoutInMinutes,
        Map<String, String> logs) {

    public Build {
        phases = List.copyOf(phases);
        exportedEnvironmentVariables = List.copyOf(exportedEnvironmentVariables);
        reports = reports == null ? List.of() : List.copyOf(reports);
        logs = logs == null ? Map.of() : Map.copyOf(logs);
    }

    /**
     * One exported variable.
     *
     * @param name the name
     * @param value its value at the end of POST_BUILD
     */
    public record ExportedVariable(String name, String value) {}

    /**
     * Where an artifact went and its checksums.
     *
     * @param location a path or URL
     * @param sha256sum hex SHA-256 of the file
     * @param md5sum hex MD5 of the file
     * @param artifactIdentifier the identifier, for secondary artifacts
     */
    public record BuildArtifacts(
            String location,
            @Nullable String sha256sum,
            @Nullable String md5sum,
            @Nullable String artifactIdentifier) {}

    /**
     * What the build ran on.
     *
     * @param type {@code LINUX_CONTAINER}, or {@code LINUX_EC2}-like host processes for the process backend
     * @param image the image
     * @param computeType the compute type
     * @param privilegedMode whether the container was privileged
     * @param backend {@code docker} or {@code process}
     */
    public record BuildEnvironmentInfo(
            String type, String image, String computeType, boolean privilegedMode, String backend) {}
}
