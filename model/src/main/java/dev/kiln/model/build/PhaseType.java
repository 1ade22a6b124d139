package dev.kiln.model.build;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A build's phases, in the order CodeBuild runs them ({@code BuildPhaseType}). */
public enum PhaseType {
    SUBMITTED(null),
    QUEUED(null),
    PROVISIONING(null),
    DOWNLOAD_SOURCE(null),
    INSTALL("install"),
    PRE_BUILD("pre_build"),
    BUILD("build"),
    POST_BUILD("post_build"),
    UPLOAD_ARTIFACTS(null),
    FINALIZING(null),
    COMPLETED(null);

    private final @Nullable String buildspecKey;

    PhaseType(@Nullable String buildspecKey) {
        this.buildspecKey = buildspecKey;
    }

    /** The key under {@code phases:} in a buildspec, for the four phases users write commands for. */
    public Optional<String> buildspecKey() {
        return Optional.ofNullable(buildspecKey);
    }

    /** Whether users write commands for this phase. */
    public boolean isCommandPhase() {
        return buildspecKey != null;
    }

    /** The phase for a buildspec key ({@code pre_build}), if there is one. */
    public static Optional<PhaseType> fromBuildspecKey(String key) {
        return Arrays.stream(values()).filter(p -> key.equals(p.buildspecKey)).findFirst();
    }
}
