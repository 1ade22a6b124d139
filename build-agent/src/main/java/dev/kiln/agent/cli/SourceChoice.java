package dev.kiln.agent.cli;

import dev.kiln.agent.engine.BuildspecSource;
import dev.kiln.agent.source.Source;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.buildspec.ParsedBuildspec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

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
record SourceChoice(Source source, BuildspecSource buildspec, String projectName, String error) {
    private static final Pattern SCP_LIKE = Pattern.compile("^[A-Za-z0-9._-]+@[A-Za-z0-9._-]+:.*");

    static SourceChoice of(String location, Path buildspecOption, String version, Integer depth, boolean submodules)
            throws IOException {
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
            Path file = resolve(buildspecOption, dir);
            if (!Files.isRegularFile(file)) {
                return error(
                        "no buildspec at " + file + "; add a buildspec.yml to the source or pass --buildspec FILE");
            }
            ParsedBuildspec parsed = BuildspecParser.parse(file, display(file));
            if (parsed.report().hasErrors()) {
                System.err.print(parsed.report().format());
                return error("the buildspec has errors; nothing was run");
            }
            return new SourceChoice(
                    new Source.LocalDirectory(dir),
                    new BuildspecSource.Compiled(parsed.buildspec().orElseThrow(), file.toString()),
                    BuildCommand.projectNameOf(dir),
                    null);
        }
        Source.Git source = new Source.Git(
                url ? location : dir.toString(), Optional.ofNullable(version), Optional.ofNullable(depth), submodules);
        BuildspecSource buildspec;
        if (buildspecOption != null && Files.isRegularFile(buildspecOption)) {
            ParsedBuildspec parsed = BuildspecParser.parse(buildspecOption, buildspecOption.toString());
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
        String name = source.url().replaceAll("/+$", "").replaceAll("\\.git$", "");
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf(':')) + 1);
        return new SourceChoice(
                source, buildspec, BuildCommand.projectNameOf(Path.of(name.isEmpty() ? "kiln" : name)), null);
    }

    private static SourceChoice error(String message) {
        return new SourceChoice(null, null, null, message);
    }

    private static Path resolve(Path option, Path dir) {
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
