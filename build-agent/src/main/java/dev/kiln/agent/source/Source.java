package dev.kiln.agent.source;

import java.nio.file.Path;
import java.util.Optional;

/** A build's primary source. */
public sealed interface Source permits Source.LocalDirectory, Source.Git {

    /** What {@code CODEBUILD_SOURCE_REPO_URL} reports. */
    String location();

    /** What {@code CODEBUILD_SOURCE_VERSION} reports, if a version was asked for. */
    Optional<String> version();

    /**
     * A directory on this machine, copied as it is.
     *
     * @param directory the directory
     */
    record LocalDirectory(Path directory) implements Source {
        @Override
        public String location() {
            return directory.toString();
        }

        @Override
        public Optional<String> version() {
            return Optional.empty();
        }
    }

    /**
     * A git repository at a version.
     *
     * @param url any URL JGit reads (https, ssh, {@code file://}) or a local path
     * @param version a branch, tag, commit id or {@code pr/N}; the default branch when empty
     * @param depth clone depth (shallow clone), full history when empty
     * @param submodules whether to fetch submodules too
     */
    record Git(String url, Optional<String> version, Optional<Integer> depth, boolean submodules) implements Source {
        @Override
        public String location() {
            return url;
        }
    }
}
