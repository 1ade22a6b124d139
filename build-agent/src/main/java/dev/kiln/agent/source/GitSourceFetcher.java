package dev.kiln.agent.source;

import dev.kiln.agent.backend.ProgressListener;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Fetches git repositories with JGit: the default branch, a branch, a tag, a commit id (full or abbreviated) or
 * {@code pr/N} (the ref {@code refs/pull/N/head}), shallow when a depth is given, with submodules when asked.
 * Stateless.
 */
public final class GitSourceFetcher implements SourceFetcher {
    private static final Pattern PULL_REQUEST = Pattern.compile("pr/(\\d+)");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,40}");

    private final Optional<Path> mirrors;

    /** A fetcher that clones from the repository each time. */
    public GitSourceFetcher() {
        this(Optional.empty());
    }

    /**
     * A fetcher that keeps a bare clone of each repository under {@code mirrors} (LOCAL_SOURCE_CACHE), fetches only
     * what is new into it, and clones builds from it.
     */
    public GitSourceFetcher(Optional<Path> mirrors) {
        this.mirrors = mirrors;
    }

    @Override
    public FetchedSource fetch(Source.Git source, Path directory, ProgressListener progress) {
        if (mirrors.isEmpty()) {
            return new FetchedSource(fetchDirect(source, directory, progress), Optional.empty());
        }
        SourceMirror mirror = new SourceMirror(mirrors.get(), source.url());
        return mirror.locked(() -> {
            String note = mirror.update(progress);
            Source.Git local = new Source.Git(mirror.url(), source.version(), source.depth(), false);
            String commit;
            try {
                commit = fetchDirect(local, directory, progress);
            } catch (UnableToFetchSourceException e) {
                // say it in the repository's terms, not the kept clone's
                throw new UnableToFetchSourceException(
                        e.getMessage().replace(mirror.url(), source.url()), e.getCause());
            }
            mirror.pointAtOrigin(directory, source.submodules());
            return new FetchedSource(commit, Optional.of(note));
        });
    }

    private String fetchDirect(Source.Git source, Path directory, ProgressListener progress) {
        String url = source.url();
        progress.progress(
                "fetching " + url + source.version().map(v -> " at " + v).orElse(""));
        try {
            Optional<String> version = source.version();
            if (version.isEmpty()) {
                return clone(source, directory, null);
            }
            String v = version.get();
            var pr = PULL_REQUEST.matcher(v);
            if (pr.matches()) {
                return pullRequest(source, directory, pr.group(1));
            }
            Collection<Ref> refs = Git.lsRemoteRepository().setRemote(url).call();
            for (String candidate : new String[] {"refs/heads/" + v, "refs/tags/" + v, v}) {
                if (refs.stream().anyMatch(r -> r.getName().equals(candidate))) {
                    return clone(source, directory, candidate);
                }
            }
            if (COMMIT.matcher(v).matches()) {
                return commit(source, directory, v);
            }
            throw new UnableToFetchSourceException(
                    "no branch, tag or commit '" + v + "' in " + url + "; check --source-version", null);
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof UnableToFetchSourceException u) {
                throw u;
            }
            throw new UnableToFetchSourceException("cannot fetch " + url + ": " + message(e), e);
        }
    }

    private static String clone(Source.Git source, Path directory, String branch) throws GitAPIException {
        CloneCommand clone = Git.cloneRepository()
                .setURI(source.url())
                .setDirectory(directory.toFile())
                .setCloneSubmodules(source.submodules());
        if (branch != null) {
            clone.setBranch(branch);
        }
        source.depth().ifPresent(clone::setDepth);
        try (Git git = clone.call()) {
            return git.getRepository().resolve("HEAD").name();
        } catch (java.io.IOException e) {
            throw new UnableToFetchSourceException("cannot read the clone of " + source.url() + ": " + e, e);
        }
    }

    private static String pullRequest(Source.Git source, Path directory, String number) throws GitAPIException {
        String ref = "refs/pull/" + number + "/head";
        try (Git git = Git.cloneRepository()
                .setURI(source.url())
                .setDirectory(directory.toFile())
                .call()) {
            var fetch = git.fetch().setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/origin/pr/" + number));
            source.depth().ifPresent(fetch::setDepth);
            fetch.call();
            ObjectId id = git.getRepository().resolve("refs/remotes/origin/pr/" + number);
            if (id == null) {
                throw new UnableToFetchSourceException(
                        "no pull request " + number + " (" + ref + ") in " + source.url(), null);
            }
            return checkout(git, id, source.submodules());
        } catch (java.io.IOException e) {
            throw new UnableToFetchSourceException("cannot read the clone of " + source.url() + ": " + e, e);
        }
    }

    private static String commit(Source.Git source, Path directory, String commit) throws GitAPIException {
        // A commit may be anywhere in the history: a shallow clone could miss it, so this clone is complete.
        try (Git git = Git.cloneRepository()
                .setURI(source.url())
                .setDirectory(directory.toFile())
                .call()) {
            ObjectId id = git.getRepository().resolve(commit + "^{commit}");
            if (id == null) {
                throw new UnableToFetchSourceException(
                        "no branch, tag or commit '" + commit + "' in " + source.url() + "; check --source-version",
                        null);
            }
            return checkout(git, id, source.submodules());
        } catch (java.io.IOException e) {
            throw new UnableToFetchSourceException("cannot read the clone of " + source.url() + ": " + e, e);
        }
    }

    private static String checkout(Git git, ObjectId id, boolean submodules) throws GitAPIException {
        git.checkout().setName(id.name()).call(); // detached, as CodeBuild checks out a version
        if (submodules) {
            git.submoduleInit().call();
            git.submoduleUpdate().call();
        }
        return id.name();
    }

    static String message(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage() == null ? root.toString() : e.getMessage();
        if (root != e && root.getMessage() != null && !m.contains(root.getMessage())) {
            m += ": " + root.getMessage();
        }
        return m;
    }
}
