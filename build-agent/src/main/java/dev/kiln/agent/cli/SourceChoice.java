package dev.kiln.agent.cli;

import dev.kiln.agent.engine.BuildspecSource;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.source.Source;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.buildspec.ParsedBuildspec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns {@code kiln build}'s source options into a {@link Source} and a {@link BuildspecSource}, or a message for
 * the user. A directory is copied as it is and its buildspec checked before anything runs; a git URL (or any source
 * with a version, depth or submodules) is fetched in DOWNLOAD_SOURCE and its buildspec read from the clone there.
 *
 * @param source the source, or null with {@code error}
 * @param buildspec the buildspec, or null with {@code error}
 * @param projectName the project name the source suggests
 * @param error what is wrong, or null
 */
record SourceChoice(
        @Nullable Source source,
        @Nullable BuildspecSource buildspec,
        @Nullable String projectName,
        @Nullable String error) {
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:.*");

    static SourceChoice of(
            String location,
            @Nullable Path buildspecOption,
            @Nullable String version,
            @Nullable Integer depth,
            boolean submodules)
            throws IOException {
        if (location.equals("NO_SOURCE")) {
            return noSource(buildspecOption);
        }
        if (location.endsWith(".zip") && version == null) {
            boolean remote = location.startsWith("http://") || location.startsWith("https://");
            if (!remote && !Files.isRegularFile(Path.of(location))) {
                return error("zip archive " + location + " does not exist");
            }
            String file = location.substring(location.lastIndexOf('/') + 1).replaceAll("\\.zip$", "");
            return fetched(
                    new Source.Zip(
                            remote
                                    ? location
                                    : Path.of(location).toAbsolutePath().toString()),
                    buildspecOption,
                    file);
        }
        boolean url = location.contains("://") || SCP_LIKE.matcher(location).matches();
        boolean git = url || version != null || depth != null || submodules;
        if (depth != null && depth < 1) {
            return error("--git-clone-depth must be at least 1");
        }
        Path dir = url ? null : Path.of(location).toAbsolutePath().normalize();
        if (dir != null && !Files.isDirectory(dir)) {
            return error("source directory " + location + " does not exist");
        }
        if (!git) {
            Path local = Objects.requireNonNull(dir, "a source that is not a URL is a directory");
            Path file = resolve(buildspecOption, local);
            if (!Files.isRegularFile(file)) {
                return error(
                        "no buildspec at " + file + "; add a buildspec.yml to the source or pass --buildspec FILE");
            }
            ParsedBuildspec parsed = BuildspecParser.parse(display(file), Files.readString(file));
            if (parsed.report().hasErrors()) {
                System.err.print(parsed.report().format());
                return error("the buildspec has errors; nothing was run");
            }
            return new SourceChoice(
                    new Source.LocalDirectory(local),
                    new BuildspecSource.Compiled(parsed.buildspec().orElseThrow(), file.toString()),
                    BuildCommand.projectNameOf(local),
                    null);
        }
        Source.Git source = new Source.Git(
                url ? location : Objects.requireNonNull(dir).toString(),
                Optional.ofNullable(version),
                Optional.ofNullable(depth),
                submodules);
        String name = source.url().replaceAll("/+$", "").replaceAll("\\.git$", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
        return fetched(source, buildspecOption, name);
    }

    /** A source fetched in DOWNLOAD_SOURCE: the buildspec is a file here when one is named, else read from it. */
    private static SourceChoice fetched(Source source, @Nullable Path buildspecOption, String name) throws IOException {
        BuildspecSource buildspec;
        if (buildspecOption != null && Files.isRegularFile(buildspecOption)) {
            ParsedBuildspec parsed =
                    BuildspecParser.parse(buildspecOption.toString(), Files.readString(buildspecOption));
            if (parsed.report().hasErrors()) {
                System.err.print(parsed.report().format());
                return error("the buildspec has errors; nothing was run");
            }
            buildspec = new BuildspecSource.Compiled(
                    parsed.buildspec().orElseThrow(),
                    buildspecOption.toAbsolutePath().toString());
        } else {
            buildspec = new BuildspecSource.InSource(
                    buildspecOption == null ? "buildspec.yml" : buildspecOption.toString());
        }
        return new SourceChoice(
                source, buildspec, BuildCommand.projectNameOf(Path.of(name.isEmpty() ? "kiln" : name)), null);
    }

    private static SourceChoice noSource(@Nullable Path buildspecOption) throws IOException {
        if (buildspecOption == null || !Files.isRegularFile(buildspecOption)) {
            return error("--source NO_SOURCE needs the buildspec as a file: pass --buildspec FILE");
        }
        SourceChoice choice = fetched(new Source.NoSource(), buildspecOption, "");
        return choice.error() != null
                ? choice
                : new SourceChoice(
                        choice.source(),
                        choice.buildspec(),
                        BuildCommand.projectNameOf(Path.of("").toAbsolutePath()),
                        null);
    }

    /**
     * {@code ID=LOCATION[@VERSION]}: a directory, git URL or zip archive, with a git version after the last
     * {@code @} when one follows a URL or path.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static SecondarySource secondary(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException(
                    "--secondary-source " + spec + ": use ID=LOCATION[@VERSION], for example lib=../lib");
        }
        String id = spec.substring(0, eq);
        String location = spec.substring(eq + 1);
        String version = null;
        int at = location.lastIndexOf('@');
        if (at > 0) {
            String before = location.substring(0, at);
            String after = location.substring(at + 1);
            if (!after.isEmpty() && !after.contains(":") && before.matches(".*[/:].*")) {
                location = before;
                version = after;
            }
        }
        if (!id.matches("[A-Za-z0-9_]{1,127}")) {
            throw new IllegalArgumentException("--secondary-source " + spec
                    + ": the identifier may hold only letters, digits and _ (it names CODEBUILD_SRC_DIR_<ID>)");
        }
        Source source;
        boolean url = location.contains("://") || SCP_LIKE.matcher(location).matches();
        if (location.endsWith(".zip") && version == null) {
            boolean remote = location.startsWith("http://") || location.startsWith("https://");
            if (!remote && !Files.isRegularFile(Path.of(location))) {
                throw new IllegalArgumentException("--secondary-source " + spec + ": no zip archive at " + location);
            }
            source = new Source.Zip(
                    remote ? location : Path.of(location).toAbsolutePath().toString());
        } else if (url || version != null) {
            source = new Source.Git(
                    url ? location : Path.of(location).toAbsolutePath().toString(),
                    Optional.ofNullable(version),
                    Optional.empty(),
                    false);
        } else if (Files.isDirectory(Path.of(location))) {
            source =
                    new Source.LocalDirectory(Path.of(location).toAbsolutePath().normalize());
        } else {
            throw new IllegalArgumentException(
                    "--secondary-source " + spec + ": " + location + " is not a directory, a git URL or a zip archive");
        }
        return new SecondarySource(id, source);
    }

    private static SourceChoice error(String message) {
        return new SourceChoice(null, null, null, message);
    }

    private static Path resolve(@Nullable Path option, Path dir) {
        if (option == null) {
            return dir.resolve("buildspec.yml");
        }
        if (option.isAbsolute() || Files.exists(option)) {
            return option.toAbsolutePath().normalize();
        }
        return dir.resolve(option).normalize();
    }

    private static String display(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        return file.startsWith(cwd) ? cwd.relativize(file).toString() : file.toString();
    }
}
