package dev.kiln.model.buildspec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code artifacts} section.
 *
 * @param primary the primary artifact
 * @param secondary secondary artifacts by {@code artifactIdentifier}, in file order
 */
public record Artifacts(ArtifactSet primary, Map<String, ArtifactSet> secondary) {
    public Artifacts {
        secondary = Collections.unmodifiableMap(new LinkedHashMap<>(secondary));
    }
}
