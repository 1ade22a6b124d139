package dev.kiln.agent.source;

import java.nio.file.Path;
import java.util.Optional;

/** A build's primary source. */
public sealed interface Source permits Source.LocalDirectory, Source.Git, Source.Zip, Source.NoSource {

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

    /**
     * A zip archive, unpacked as the source: a file on this machine or an http(s) URL.
     *
     * @param location the path or URL
     */
    record Zip(String location) implements Source {
        @Override
        public Optional<String> version() {
            return Optional.empty();
        }

        /** Whether the archive is fetched over http(s). */
        public boolean remote() {
            return location.startsWith("http://") || location.startsWith("https://");
        }
    }

    /** NO_SOURCE: an empty source directory; the buildspec comes from elsewhere. */
    record NoSource() implements Source {
        @Override
        public String location() {
            return "";
        }

        @Override
        public Optional<String> version() {
            return Optional.empty();
        }
    }
}
