package dev.kiln.orchestrator.source;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A bare mirror of each repository under one directory. Blocking; each mirror is used by one thread at a time (the
 * methods synchronize on it).
 */
public final class GitMirrors {
    private final Path directory;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /** Mirrors kept under this directory. */
    public GitMirrors(Path directory) {
        this.directory = directory;
    }

    /**
     * Fetches every branch and tag of a repository into its mirror.
     *
     * @return each ref's commit ({@code refs/heads/main} -> id)
     * @throws UnableToReadRepositoryException saying why
     */
    public Map<String, String> fetch(String name, String url) {
        return fetch(name, url, java.util.Optional.empty());
    }

    /**
     * Fetches every branch and tag of a repository into its mirror, with credentials when it is private.
     *
     * @return each ref's commit ({@code refs/heads/main} -> id)
     * @throws UnableToReadRepositoryException saying why, with no credentials in it
     */
    /** Seconds a fetch may wait on a remote that sends nothing (connect, and each read). */
    public static final int FETCH_TIMEOUT_SECONDS = 60;

    public Map<String, String> fetch(String name, String url, java.util.Optional<GitCredentials> credentials) {
        Path mirror = mirror(name);
        synchronized (lock(name)) {
            try {
                if (!Files.isDirectory(mirror.resolve("objects"))) {
                    Files.createDirectories(mirror);
                    Git.init()
                            .setBare(true)
                            .setDirectory(mirror.toFile())
                            .call()
                            .close();
                }
                try (Git git = Git.open(mirror.toFile())) {
                    org.eclipse.jgit.api.FetchCommand fetch = git.fetch();
                    credentials.ifPresent(c -> fetch.setCredentialsProvider(
                            new org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider(
                                    c.username(), c.token())));
                    fetch.setRemote(remoteUrl(url))
                            // a remote that stops answering fails the fetch instead of holding a git thread forever
                            .setTimeout(FETCH_TIMEOUT_SECONDS)
                            .setRefSpecs(
                                    new RefSpec("+refs/heads/*:refs/heads/*"), new RefSpec("+refs/tags/*:refs/tags/*"))
                            .setRemoveDeletedRefs(true)
                            .call();
                    Map<String, String> heads = new LinkedHashMap<>();
                    for (Ref ref : git.getRepository().getRefDatabase().getRefs()) {
                        if (ref.getName().startsWith(Constants.R_HEADS)
                                || ref.getName().startsWith(Constants.R_TAGS)) {
                            Ref peeled = git.getRepository().getRefDatabase().peel(ref);
                            ObjectId id =
                                    peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : ref.getObjectId();
                            heads.put(ref.getName(), id.name());
                        }
                    }
                    return heads;
                }
            } catch (IOException | GitAPIException | RuntimeException e) {
                String why = String.valueOf(e.getMessage());
                if (credentials.isPresent()) {
                    why = why.replace(credentials.get().token(), "***");
                }
                throw new UnableToReadRepositoryException(
                        "could not fetch " + GitCredentials.shown(url) + ": " + GitCredentials.shown(why)
                                + (credentials.isPresent()
                                        ? "; check the URL, and that its credentials may read it"
                                        : "; check the URL and that this machine can read it (a private repository"
                                                + " needs credentials: kiln repos add URL --credentials FILE)"),
                        null);
            }
        }
    }

    /**
     * The commit a ref names in a fetched mirror: a branch, a tag, a full ref or a commit id.
     *
     * @throws UnableToReadRepositoryException when it names nothing
     */
    public String resolve(String name, String ref) {
        synchronized (lock(name)) {
            try (Git git = Git.open(mirror(name).toFile())) {
                for (String candidate : List.of(ref, Constants.R_HEADS + ref, Constants.R_TAGS + ref)) {
                    ObjectId id = git.getRepository().resolve(candidate + "^{commit}");
                    if (id != null) {
                        return id.name();
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new UnableToReadRepositoryException("could not read the mirror of " + name, e);
            }
        }
        throw new UnableToReadRepositoryException(
                "no branch, tag or commit " + ref + " in repository " + name + "; is it pushed?", null);
    }

    /** The default branch's ref of a fetched mirror: main, master, or the first branch there is. */
    public Optional<String> defaultBranch(Map<String, String> heads) {
        for (String candidate : List.of("refs/heads/main", "refs/heads/master")) {
            if (heads.containsKey(candidate)) {
                return Optional.of(candidate);
            }
        }
        return heads.keySet().stream()
                .filter(r -> r.startsWith(Constants.R_HEADS))
                .findFirst();
    }

    /** A commit's title, author and time, if the mirror has the commit. */
    public Optional<CommitInfo> commit(String name, String commit) {
        synchronized (lock(name)) {
            try (Git git = Git.open(mirror(name).toFile());
                    RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit rev = walk.parseCommit(ObjectId.fromString(commit));
                return Optional.of(new CommitInfo(
                        commit,
                        rev.getShortMessage(),
                        rev.getAuthorIdent().getName(),
                        rev.getAuthorIdent().getWhenAsInstant()));
            } catch (org.eclipse.jgit.errors.MissingObjectException e) {
                return Optional.empty();
            } catch (IOException | RuntimeException e) {
                throw new UnableToReadRepositoryException("could not read commit " + commit + " of " + name, e);
            }
        }
    }

    /**
     * Whether commit {@code newer} has {@code older} in its history (or is it); false when the mirror lacks either.
     */
    public boolean contains(String name, String newer, String older) {
        synchronized (lock(name)) {
            try (Git git = Git.open(mirror(name).toFile());
                    RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit tip = walk.parseCommit(ObjectId.fromString(newer));
                RevCommit base = walk.parseCommit(ObjectId.fromString(older));
                return walk.isMergedInto(base, tip);
            } catch (org.eclipse.jgit.errors.MissingObjectException | IllegalArgumentException e) {
                return false;
            } catch (IOException | RuntimeException e) {
                throw new UnableToReadRepositoryException(
                        "could not compare commits " + older + " and " + newer + " of " + name, e);
            }
        }
    }

    /** A file's text at a commit, if the commit has it. */
    public Optional<String> readFile(String name, String commit, String path) {
        synchronized (lock(name)) {
            try (Git git = Git.open(mirror(name).toFile());
                    RevWalk walk = new RevWalk(git.getRepository())) {
                RevCommit rev = walk.parseCommit(ObjectId.fromString(commit));
                try (TreeWalk tree = TreeWalk.forPath(git.getRepository(), path, rev.getTree())) {
                    if (tree == null
                            || (tree.getFileMode(0) != FileMode.REGULAR_FILE
                                    && tree.getFileMode(0) != FileMode.EXECUTABLE_FILE)) {
                        return Optional.empty();
                    }
                    byte[] bytes = git.getRepository().open(tree.getObjectId(0)).getBytes();
                    return Optional.of(new String(bytes, StandardCharsets.UTF_8));
                }
            } catch (IOException | RuntimeException e) {
                throw new UnableToReadRepositoryException("could not read " + path + " at " + commit, e);
            }
        }
    }

    /** The paths changed between two commits; every path of {@code after} when {@code before} is empty or absent. */
    public List<String> changedPaths(String name, Optional<String> before, String after) {
        synchronized (lock(name)) {
            try (Git git = Git.open(mirror(name).toFile());
                    RevWalk walk = new RevWalk(git.getRepository());
                    ObjectReader reader = git.getRepository().newObjectReader()) {
                RevCommit newer = walk.parseCommit(ObjectId.fromString(after));
                CanonicalTreeParser newTree = new CanonicalTreeParser(null, reader, newer.getTree());
                List<String> paths = new ArrayList<>();
                ObjectId old = null;
                if (before.isPresent() && !before.get().chars().allMatch(c -> c == '0')) {
                    ObjectId id = ObjectId.fromString(before.get());
                    old = git.getRepository().getObjectDatabase().has(id) ? id : null;
                }
                if (old == null) {
                    try (TreeWalk tree = new TreeWalk(reader)) {
                        tree.addTree(newer.getTree());
                        tree.setRecursive(true);
                        while (tree.next()) {
                            paths.add(tree.getPathString());
                        }
                    }
                    return paths;
                }
                CanonicalTreeParser oldTree = new CanonicalTreeParser(
                        null, reader, walk.parseCommit(old).getTree());
                for (DiffEntry diff :
                        git.diff().setOldTree(oldTree).setNewTree(newTree).call()) {
                    paths.add(
                            diff.getChangeType() == DiffEntry.ChangeType.DELETE
                                    ? diff.getOldPath()
                                    : diff.getNewPath());
                }
                return paths;
            } catch (IOException | GitAPIException | RuntimeException e) {
                throw new UnableToReadRepositoryException("could not compare commits of " + name, e);
            }
        }
    }

    /** Packs a commit's tree as a zip (executable bits kept, symbolic links and submodules left out). */
    public void archive(String name, String commit, OutputStream out) {
        synchronized (lock(name)) {
            try (Git git = Git.open(mirror(name).toFile());
                    RevWalk walk = new RevWalk(git.getRepository());
                    TreeWalk tree = new TreeWalk(git.getRepository());
                    ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
                tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
                        continue;
                    }
                    ZipArchiveEntry entry = new ZipArchiveEntry(tree.getPathString());
                    entry.setUnixMode(mode == FileMode.EXECUTABLE_FILE ? 0100755 : 0100644);
                    zip.putArchiveEntry(entry);
                    git.getRepository().open(tree.getObjectId(0)).copyTo(zip);
                    zip.closeArchiveEntry();
                }
                zip.finish();
            } catch (IOException | RuntimeException e) {
                throw new UnableToReadRepositoryException("could not pack commit " + commit + " of " + name, e);
            }
        }
    }

    private Path mirror(String name) {
        return directory.resolve(name + ".git");
    }

    private Object lock(String name) {
        return locks.computeIfAbsent(name, n -> new Object());
    }

    private static String remoteUrl(String url) {
        if (url.contains("://") || url.matches("[^/]+@[^:]+:.*")) {
            return url;
        }
        return Path.of(url).toAbsolutePath().toUri().toString();
    }
}
