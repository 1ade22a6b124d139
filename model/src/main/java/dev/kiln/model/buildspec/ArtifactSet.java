package dev.kiln.model.buildspec;

import java.util.List;
import java.util.Optional;

/**
 * The files of one artifact: the primary one ({@code artifacts}) or a secondary one.
 *
 * @param files globs relative to the source directory or {@code baseDirectory}
 * @param name the artifact's name, evaluated by the build's shell
 * @param discardPaths whether to flatten paths
 * @param baseDirectory where globs start, relative to the source directory
 * @param excludePaths globs to leave out, relative to the base directory
 * @param enableSymlinks whether to keep symbolic links as links in a ZIP
 * @param s3Prefix a prefix for the artifact's location in the store
 */
public record ArtifactSet(
        List<String> files,
        Optional<String> name,
        boolean discardPaths,
        Optional<String> baseDirectory,
        List<String> excludePaths,
        boolean enableSymlinks,
        Optional<String> s3Prefix) {

    public ArtifactSet {
        files = List.copyOf(files);
        excludePaths = List.copyOf(excludePaths);
    }
}
