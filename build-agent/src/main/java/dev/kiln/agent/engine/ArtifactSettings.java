package dev.kiln.agent.engine;

import dev.kiln.kit.store.ArtifactStore;
import java.util.Optional;

/**
 * Where a build's artifacts go and how, as a CodeBuild project's artifacts settings say.
 *
 * @param store where artifacts go; none to keep nothing
 * @param namespaceBuildId whether keys include the build's id ({@code BUILD_ID} namespace)
 * @param packaging ZIP (one archive per artifact) or NONE (the files as they are, under a folder)
 */
public record ArtifactSettings(Optional<ArtifactStore> store, boolean namespaceBuildId, Packaging packaging) {

    /** {@code ProjectArtifacts.packaging}. */
    public enum Packaging {
        ZIP,
        NONE
    }

    /** ZIP artifacts in {@code store}, no namespace. */
    public static ArtifactSettings zipTo(ArtifactStore store) {
        return new ArtifactSettings(Optional.of(store), false, Packaging.ZIP);
    }
}
