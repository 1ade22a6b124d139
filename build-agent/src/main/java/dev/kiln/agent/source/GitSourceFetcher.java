package dev.kiln.agent.source;

import dev.kiln.kit.Failures;
import dev.kiln.kit.ProgressListener;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.CloneCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.RefSpec;
import org.jspecify.annotations.Nullable;

/**
 * Fetches git repositories with JGit: the default branch, a branch, a tag, a commit id (full or abbreviated) or
 * {@code pr/N} (the ref {@code refs/pull/N/head}), shallow when a depth is given, with submodules when asked.
 * Stateless.
 */
public final class GitSourceFetcher implements SourceFetcher {
    private static final Pattern PULL_REQUEST = Pattern.compile("pr/(\\d+)");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{4,40}");

    private final Optional<Path> mirrors;
    private final GitCredentials credentials;

    /** A fetcher that clones from the repository each time, without credentials. */
    public GitSourceFetcher() {
        this(Optional.empty(), GitCredentials.none());
    }

    /**
     * A fetcher that keeps a bare clone of each repository under {@code mirrors} (LOCAL_SOURCE_CACHE), fetches only
     * what is new into it, and clones builds from it.
     */
    public GitSourceFetcher(Optional<Path> mirrors, GitCredentials credentials) {
        this.mirrors = mirrors;
        this.credentials = credentials;
    }

    @Override
    public FetchedSource fetch(Source.Git source, Path directory, ProgressListener progress) {
        if (mirrors.isEmpty()) {
            return new FetchedSource(
                    fetchDirect(source, directory, progress, credentials.providerFor(source.url())), Optional.empty());
        }
        SourceMirror mirror = new SourceMirror(mirrors.get(), source.url());
        return mirror.locked(() -> {
            String note = mirror.update(progress, credentials.providerFor(source.url()));
            Source.Git local = new Source.Git(mirror.url(), source.version(), source.depth(), false);
            String commit;
            try {
                commit = fetchDirect(local, directory, progress, null);
            } catch (UnableToFetchSourceException e) {
                // say it in the repository's terms, not the kept clone's
                throw new UnableToFetchSourceException(
                        Failures.message(e).replace(mirror.url(), source.url()), e.getCause());
            }
            mirror.pointAtOrigin(directory, source.submodules(), credentials);
            return new FetchedSource(commit, Optional.of(note));
        });
    }

    private String fetchDirect(
            Source.Git source, Path directory, ProgressListener progress, @Nullable CredentialsProvider login) {
        String url = GitCredentials.redact(source.url());
        progress.progress(
                "fetching " + url + source.version().map(v -> " at " + v).orElse(""));
        try {
            Optional<String> version = source.version();
            if (version.isEmpty()) {
                return clone(source, directory, null, login);
            }
            String v = version.get();
            var pr = PULL_REQUEST.matcher(v);
            if (pr.matches()) {
                return pullRequest(source, directory, pr.group(1), login);
            }
            Collection<Ref> refs = Git.lsRemoteRepository()
                    .setRemote(source.url())
                    .setCredentialsProvider(login)
                    .call();
            for (String candidate : new String[] {"refs/heads/" + v, "refs/tags/" + v, v}) {
                if (refs.stream().anyMatch(r -> r.getName().equals(candidate))) {
                    return clone(source, directory, candidate, login);
                }
            }
            if (COMMIT.matcher(v).matches()) {
                return commit(source, directory, v, login);
            }
            throw new UnableToFetchSourceException(
                    "no branch, tag or commit '" + v + "' in " + url + "; check --source-version", null);
        } catch (GitAPIException | RuntimeException e) {
            if (e instanceof UnableToFetchSourceException u) {
                throw u;
            }
            throw failure(url, e, login != null);
        }
    }

    /** A fetch failure in the user's terms: refused credentials say so, and no message carries a credential. */
    static UnableToFetchSourceException failure(String url, Exception e, boolean withLogin) {
        String message = message(e);
        // the URL is left out of the test: a path may hold "401" (a temporary directory's random name did)
        String said = message.replace(url, "");
        if (said.contains("not authorized")
                || said.contains("Authentication is required")
                || said.contains("authentication not supported")
                || said.matches("(?s).*(?<![0-9])401(?![0-9]).*")) {
            return new UnableToFetchSourceException(
                    "authentication failed for " + url + ": "
                            + (withLogin
                                    ? "the repository refused the credentials for it; check them in the git"
                                            + " credentials file"
                                    : "it needs credentials; give them with --git-credentials FILE"),
                    null);
        }
        return new UnableToFetchSourceException("cannot fetch " + url + ": " + message, e);
    }

    private static String clone(
            Source.Git source, Path directory, @Nullable String branch, @Nullable CredentialsProvider login)
            throws GitAPIException {
        CloneCommand clone = Git.cloneRepository()
                .setURI(source.url())
                .setCredentialsProvider(login)
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

    private static String pullRequest(
            Source.Git source, Path directory, String number, @Nullable CredentialsProvider login)
            throws GitAPIException {
        String ref = "refs/pull/" + number + "/head";
        try (Git git = Git.cloneRepository()
                .setURI(source.url())
                .setCredentialsProvider(login)
                .setDirectory(directory.toFile())
                .call()) {
            var fetch = git.fetch()
                    .setCredentialsProvider(login)
                    .setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/origin/pr/" + number));
            source.depth().ifPresent(fetch::setDepth);
            fetch.call();
            ObjectId id = git.getRepository().resolve("refs/remotes/origin/pr/" + number);
            if (id == null) {
                throw new UnableToFetchSourceException(
                        "no pull request " + number + " (" + ref + ") in " + source.url(), null);
            }
            return checkout(git, id, source.submodules(), login);
        } catch (java.io.IOException e) {
            throw new UnableToFetchSourceException("cannot read the clone of " + source.url() + ": " + e, e);
        }
    }

    private static String commit(Source.Git source, Path directory, String commit, @Nullable CredentialsProvider login)
            throws GitAPIException {
        // A commit may be anywhere in the history: a shallow clone could miss it, so this clone is complete.
        try (Git git = Git.cloneRepository()
                .setURI(source.url())
                .setCredentialsProvider(login)
                .setDirectory(directory.toFile())
                .call()) {
            ObjectId id = git.getRepository().resolve(commit + "^{commit}");
            if (id == null) {
                throw new UnableToFetchSourceException(
                        "no branch, tag or commit '" + commit + "' in " + source.url() + "; check --source-version",
                        null);
            }
            return checkout(git, id, source.submodules(), login);
        } catch (java.io.IOException e) {
            throw new UnableToFetchSourceException("cannot read the clone of " + source.url() + ": " + e, e);
        }
    }

    private static String checkout(Git git, ObjectId id, boolean submodules, @Nullable CredentialsProvider login)
            throws GitAPIException {
        git.checkout().setName(id.name()).call(); // detached, as CodeBuild checks out a version
        if (submodules) {
            git.submoduleInit().call();
            git.submoduleUpdate().setCredentialsProvider(login).call();
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
