package dev.kiln.agent.source;

/**
 * A source beside the primary one, at {@code CODEBUILD_SRC_DIR_<identifier>}.
 *
 * @param identifier letters, digits and underscores, as CodeBuild's {@code sourceIdentifier}
 * @param source where it comes from
 */
public record SecondarySource(String identifier, Source source) {
    public SecondarySource {
        if (!identifier.matches("[A-Za-z0-9_]{1,127}")) {
            throw new IllegalArgumentException("a source identifier holds only letters, digits and _: " + identifier);
        }
        if (source instanceof Source.NoSource) {
            throw new IllegalArgumentException("a secondary source cannot be NO_SOURCE");
        }
    }
}
