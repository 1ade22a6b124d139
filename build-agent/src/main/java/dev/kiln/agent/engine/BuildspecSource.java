package dev.kiln.agent.engine;

import dev.kiln.model.buildspec.Buildspec;

/** Where a build's buildspec comes from. */
public sealed interface BuildspecSource permits BuildspecSource.Compiled, BuildspecSource.InSource {

    /** What the log says after {@code YAML location is}. */
    String location();

    /**
     * A buildspec the caller read and checked already.
     *
     * @param buildspec the plan
     * @param location where it was read from
     */
    record Compiled(Buildspec buildspec, String location) implements BuildspecSource {}

    /**
     * A file in the build's source, read and checked once the source is downloaded; errors fail DOWNLOAD_SOURCE
     * with {@code YAML_FILE_ERROR}.
     *
     * @param path the file's path relative to the source's root
     */
    record InSource(String path) implements BuildspecSource {
        @Override
        public String location() {
            return path;
        }
    }
}
