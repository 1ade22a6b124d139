package dev.kiln.orchestrator.core;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.api.Allowance;
import dev.kiln.model.lint.LintReport;
import dev.kiln.model.pipeline.Action;
import dev.kiln.model.pipeline.ParsedPipeline;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.model.pipeline.PipelineParser;
import dev.kiln.model.pipeline.Stage;
import dev.kiln.orchestrator.source.GitCredentials;
import dev.kiln.orchestrator.source.GitMirrors;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.trigger.PushEvent;
import dev.kiln.orchestrator.trigger.TriggerFilter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The blocking half of a run's Source stage, on a worker thread: fetch the repository, read the pipeline file at the
 * pushed commit, apply the push filters, pack the commit's tree and put it in the object store.
 */
final class SourceStep {
    private final GitMirrors mirrors;
    /** Opens what the server's secret key sealed (a repository's credentials). */
    private final java.util.function.UnaryOperator<String> open;

    private final ArtifactStore artifacts;

    SourceStep(GitMirrors mirrors, ArtifactStore artifacts, java.util.function.UnaryOperator<String> open) {
        this.open = open;
        this.mirrors = mirrors;
        this.artifacts = artifacts;
    }

    /**
     * What a push or a manual start found.
     *
     * @param heads the repository's refs after the fetch
     * @param ref the ref run, if any
     * @param commit the commit run
     * @param pipelineFile the pipeline file's text there, if any
     * @param plan the plan, when the file is valid
     * @param problem why the run fails at its Source stage, when it does
     * @param starts whether a run starts at all (the push filters)
     * @param behind whether the pushed commit is one the ref had already passed (an old delivery, or a rewind)
     */
    record Found(
            Map<String, String> heads,
            Optional<String> ref,
            String commit,
            Optional<String> pipelineFile,
            Optional<Pipeline> plan,
            String problem,
            boolean starts,
            boolean behind) {}

    /** Fetches a repository: its refs now. */
    Map<String, String> heads(Repository repo) {
        return fetch(repo);
    }

    /** Fetches a repository with its credentials, when it is private. */
    private Map<String, String> fetch(Repository repo) {
        return mirrors.fetch(
                repo.name(),
                repo.url(),
                repo.sealedCredentials().map(kept -> GitCredentials.fromSealable(open.apply(kept))));
    }

    /**
     * Reads a push: filters apply. A push of a commit that {@code previous} (the ref's head before it) already
     * contains is {@link Found#behind() behind}: a replayed old delivery, or the ref moved back.
     */
    Found push(Repository repo, PushEvent event, Optional<String> previous) {
        Map<String, String> heads = fetch(repo);
        if (previous.isPresent() && mirrors.contains(repo.name(), previous.get(), event.after())) {
            return new Found(
                    heads,
                    Optional.of(event.ref()),
                    event.after(),
                    Optional.empty(),
                    Optional.empty(),
                    event.after() + " is already part of " + previous.get() + ", seen on " + event.ref(),
                    false,
                    true);
        }
        Found found = read(repo, heads, Optional.of(event.ref()), event.after());
        if (found.plan().isEmpty()) {
            return found;
        }
        List<String> changed = event.changedPaths()
                .orElseGet(() -> mirrors.changedPaths(repo.name(), Optional.of(event.before()), event.after()));
        boolean starts = TriggerFilter.starts(found.plan().get().trigger(), event, changed);
        return new Found(heads, found.ref(), found.commit(), found.pipelineFile(), found.plan(), "", starts, false);
    }

    /** Reads a manual start of a ref (the branch configured, else the default branch, when empty). */
    Found manual(Repository repo, Optional<String> ref) {
        Map<String, String> heads = fetch(repo);
        Optional<String> chosen =
                ref.or(() -> repo.branch().map(b -> "refs/heads/" + b)).or(() -> mirrors.defaultBranch(heads));
        if (chosen.isEmpty()) {
            throw new dev.kiln.orchestrator.source.UnableToReadRepositoryException(
                    "repository " + repo.name() + " has no branch yet; push one first", null);
        }
        String commit = mirrors.resolve(repo.name(), chosen.get());
        Optional<String> fullRef = heads.containsKey(chosen.get())
                ? chosen
                : heads.containsKey("refs/heads/" + chosen.get())
                        ? Optional.of("refs/heads/" + chosen.get())
                        : heads.containsKey("refs/tags/" + chosen.get())
                                ? Optional.of("refs/tags/" + chosen.get())
                                : Optional.empty();
        return read(repo, heads, fullRef, commit);
    }

    /** Packs the commit's tree and stores it as the run's source artifact. */
    void upload(String repository, String commit, String key) {
        try {
            Path zip = Files.createTempFile("kiln-source", ".zip");
            try {
                try (OutputStream out = Files.newOutputStream(zip)) {
                    mirrors.archive(repository, commit, out);
                }
                artifacts.put(key, zip);
            } finally {
                Files.deleteIfExists(zip);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Found read(Repository repo, Map<String, String> heads, Optional<String> ref, String commit) {
        Optional<String> text = mirrors.readFile(repo.name(), commit, PipelineParser.FILE);
        if (text.isEmpty()) {
            return new Found(
                    heads,
                    ref,
                    commit,
                    text,
                    Optional.empty(),
                    "no " + PipelineParser.FILE + " at commit " + commit + "; commit one to run a pipeline",
                    true,
                    false);
        }
        ParsedPipeline parsed = PipelineParser.parse(PipelineParser.FILE, text.get());
        if (parsed.pipeline().isEmpty() || parsed.report().hasErrors()) {
            return new Found(heads, ref, commit, text, Optional.empty(), lint(parsed.report()), true, false);
        }
        Optional<String> refused = refused(repo, parsed.pipeline().get());
        if (refused.isPresent()) {
            return new Found(heads, ref, commit, text, Optional.empty(), refused.get(), true, false);
        }
        return new Found(heads, ref, commit, text, parsed.pipeline(), "", true, false);
    }

    /** Why a valid plan may not run for this repository: it asks for a power an admin did not allow it. */
    static Optional<String> refused(Repository repo, Pipeline plan) {
        if (repo.allows(Allowance.PRIVILEGED)) {
            return Optional.empty();
        }
        for (Stage stage : plan.stages()) {
            for (Action action : stage.actions()) {
                if (action.privileged()) {
                    return Optional.of("action " + stage.name() + "/" + action.name() + " asks for privileged: true in "
                            + PipelineParser.FILE + ", which gives its build the agent's container engine (and so"
                            + " the machine it runs on); repository " + repo.name() + " is not allowed privileged"
                            + " builds. An admin allows them with: kiln repos edit " + repo.name()
                            + " --allow privileged");
                }
            }
        }
        return Optional.empty();
    }

    private static String lint(LintReport report) {
        return PipelineParser.FILE + " is not valid; fix it and push again:\n" + report.format();
    }
}
