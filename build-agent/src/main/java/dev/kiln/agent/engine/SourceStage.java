package dev.kiln.agent.engine;

import dev.kiln.agent.AgentException;
import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.source.FetchedSource;
import dev.kiln.agent.source.GitCredentials;
import dev.kiln.agent.source.SecondarySource;
import dev.kiln.agent.source.Source;
import dev.kiln.agent.source.ZipSources;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.TempTrees;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.buildspec.Buildspec;
import dev.kiln.model.buildspec.BuildspecParser;
import dev.kiln.model.buildspec.ParsedBuildspec;
import dev.kiln.model.lint.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * DOWNLOAD_SOURCE's file work: gets the source tree (a local directory, or a git clone at a version), reads the
 * buildspec from it when the caller did not, and copies the tree into the build's environment.
 */
final class SourceStage {
    private final BuildRequest request;
    private final Supplier<BuildEnvironment> env;
    private final Function<Buildspec, Optional<PhaseOutcome>> beforeCopy;
    private final BuildLog log;
    private final ProgressListener progress;

    /**
     * What the download gave: a failure, or the buildspec and the resolved version.
     *
     * @param failure why the phase failed, or null
     * @param buildspec the buildspec, when it did not fail
     * @param resolvedVersion the commit id of a git source, or null
     */
    record Result(
            @Nullable PhaseOutcome failure,
            @Nullable Buildspec buildspec,
            @Nullable String resolvedVersion) {}

    /**
     * A stage for one build.
     *
     * @param env the build's environment, which may change until the source is copied
     * @param beforeCopy runs once the buildspec is known, before anything is copied; may fail the phase
     */
    SourceStage(
            BuildRequest request,
            Supplier<BuildEnvironment> env,
            Function<Buildspec, Optional<PhaseOutcome>> beforeCopy,
            BuildLog log,
            ProgressListener progress) {
        this.request = request;
        this.env = env;
        this.beforeCopy = beforeCopy;
        this.log = log;
        this.progress = progress;
    }

    Result download() {
        Path temp = null;
        try {
            temp = Files.createTempDirectory("kiln-source-");
            Materialized primary = materialize(request.source(), temp.resolve("src"));
            Result result = copy(primary.tree(), primary.commit());
            if (result.failure() != null) {
                return result;
            }
            for (SecondarySource secondary : request.secondarySources()) {
                Materialized tree = materialize(secondary.source(), temp.resolve("s_" + secondary.identifier()));
                String dir = secondaryDirectory(env.get(), secondary.identifier());
                env.get().copyInto(tree.tree(), dir);
                log.container("Secondary source " + secondary.identifier() + " "
                        + GitCredentials.redact(secondary.source().location())
                        + (tree.commit() != null ? " at commit " + tree.commit() : "")
                        + " is in " + dir);
            }
            return result;
        } catch (IOException e) {
            throw new AgentException("cannot make a directory for the source: " + e.getMessage(), e);
        } finally {
            TempTrees.delete(temp);
        }
    }

    /** Where a secondary source goes: beside the primary source, {@code CODEBUILD_SRC_DIR_<id>}. */
    static String secondaryDirectory(BuildEnvironment env, String identifier) {
        String primary = env.sourceDirectory();
        return primary.substring(0, primary.lastIndexOf('/')) + "/secondary/" + identifier;
    }

    /**
     * A source on this machine.
     *
     * @param tree the directory
     * @param commit the resolved commit of a git source, or null
     */
    private record Materialized(Path tree, @Nullable String commit) {}

    private Materialized materialize(Source source, Path into) throws IOException {
        if (source instanceof Source.LocalDirectory local) {
            return new Materialized(local.directory(), null);
        }
        if (source instanceof Source.Zip zip) {
            int files = ZipSources.fetch(zip, into, progress);
            log.container("Source " + GitCredentials.redact(zip.location()) + ": unpacked " + files + " file(s)");
            return new Materialized(into, null);
        }
        if (source instanceof Source.Git git) {
            FetchedSource fetched = request.sourceFetcher().fetch(git, into, progress);
            fetched.cacheNote().ifPresent(log::container);
            log.container("Source " + GitCredentials.redact(git.url())
                    + git.version().map(v -> " at " + v).orElse("") + " resolved to commit " + fetched.commit());
            return new Materialized(into, fetched.commit());
        }
        return new Materialized(Files.createDirectories(into), null); // NO_SOURCE
    }

    private Result copy(Path tree, @Nullable String resolved) {
        Buildspec buildspec;
        if (request.buildspec() instanceof BuildspecSource.Compiled compiled) {
            buildspec = compiled.buildspec();
        } else {
            String path = ((BuildspecSource.InSource) request.buildspec()).path();
            Path file = tree.resolve(path).normalize();
            if (!file.startsWith(tree) || !Files.isRegularFile(file)) {
                return failed("no buildspec at " + path + " in the source; add one or choose another buildspec");
            }
            ParsedBuildspec parsed;
            try {
                parsed = BuildspecParser.parse(path, Files.readString(file));
            } catch (IOException e) {
                return failed("cannot read " + path + ": " + e.getMessage());
            }
            for (Problem problem : parsed.report().problems()) {
                log.container(problem.format());
            }
            if (parsed.buildspec().isEmpty()) {
                Problem first = parsed.report().errors().get(0);
                int count = parsed.report().errors().size();
                return failed("invalid buildspec " + first.format()
                        + (count > 1 ? " (" + count + " errors, all in the log)" : ""));
            }
            buildspec = parsed.buildspec().get();
        }
        Optional<PhaseOutcome> failure = beforeCopy.apply(buildspec);
        if (failure.isPresent()) {
            return new Result(failure.get(), null, null);
        }
        env.get().copySource(tree);
        return new Result(null, buildspec, resolved);
    }

    private static Result failed(String message) {
        return new Result(
                new PhaseOutcome(StatusType.FAILED, new PhaseContext("YAML_FILE_ERROR", message), ""), null, null);
    }
}
