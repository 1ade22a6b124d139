package dev.kiln.agent.source;

import dev.kiln.kit.ProgressListener;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Supplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.RefSpec;
import org.jspecify.annotations.Nullable;

/**
 * LOCAL_SOURCE_CACHE: a bare clone of one repository kept between builds. Each build fetches what is new into it
 * (branches, tags and pull-request heads) and clones from it on this machine. One build at a time per repository,
 * across processes, by a file lock.
 */
final class SourceMirror {
    private final Path directory;
    private final Path lock;
    private final String origin;

    SourceMirror(Path root, String origin) {
        String id = sha256(origin).substring(0, 24);
        this.directory = root.resolve(id + ".git");
        this.lock = root.resolve(id + ".lock");
        this.origin = origin;
    }

    /** The kept clone as a URL to clone from. */
    String url() {
        return directory.toUri().toString();
    }

    /** Runs {@code work} holding the repository's lock. */
    <T> T locked(Supplier<T> work) {
        try {
            Files.createDirectories(lock.getParent());
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock held = channel.lock();
                try {
                    return work.get();
                } finally {
                    held.release();
                }
            }
        } catch (IOException e) {
            throw new UnableToFetchSourceException(
                    "cannot use the source cache at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Creates or updates the kept clone; says what it did. */
    String update(ProgressListener progress, @Nullable CredentialsProvider login) {
        long start = System.nanoTime();
        boolean fresh = !Files.isDirectory(directory.resolve("objects"));
        progress.progress((fresh ? "cloning " : "updating the kept clone of ") + origin);
        try (Git git = fresh
                ? Git.init().setBare(true).setDirectory(directory.toFile()).call()
                : Git.open(directory.toFile())) {
            FetchResult result = git.fetch()
                    .setRemote(origin)
                    .setCredentialsProvider(login)
                    .setRefSpecs(
                            new RefSpec("+refs/heads/*:refs/heads/*"),
                            new RefSpec("+refs/tags/*:refs/tags/*"),
                            new RefSpec("+refs/pull/*:refs/pull/*"))
                    .setRemoveDeletedRefs(true)
                    .call();
            linkHead(git, result);
            long ms = (System.nanoTime() - start) / 1_000_000;
            return fresh
                    ? "Source cache: no kept clone of " + GitCredentials.redact(origin) + " yet; cloned it in " + ms
                            + " ms"
                    : "Source cache: updated the kept clone of " + GitCredentials.redact(origin) + " ("
                            + result.getTrackingRefUpdates().size() + " refs changed) in " + ms + " ms";
        } catch (GitAPIException | IOException | RuntimeException e) {
            if (fresh) {
                dev.kiln.kit.TempTrees.delete(directory);
            }
            throw GitSourceFetcher.failure(GitCredentials.redact(origin), e, login != null);
        }
    }

    /** Points the kept clone's HEAD at the branch the repository's HEAD names, so clones get its default branch. */
    private static void linkHead(Git git, FetchResult result) throws IOException {
        Ref head = result.getAdvertisedRef(Constants.HEAD);
        if (head == null) {
            return;
        }
        String branch = null;
        if (head.isSymbolic()) {
            branch = head.getTarget().getName();
        } else {
            for (Ref ref : result.getAdvertisedRefs()) {
                if (ref.getName().startsWith(Constants.R_HEADS)
                        && head.getObjectId().equals(ref.getObjectId())
                        && (branch == null
                                || ref.getName().endsWith("/main")
                                || ref.getName().endsWith("/master"))) {
                    branch = ref.getName();
                }
            }
        }
        if (branch != null) {
            git.getRepository().updateRef(Constants.HEAD).link(branch);
        }
    }

    /** Makes a clone's origin the repository again, then fetches submodules relative to it when asked. */
    void pointAtOrigin(Path clone, boolean submodules, GitCredentials credentials) {
        try (Git git = Git.open(clone.toFile())) {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("remote", "origin", "url", origin);
            config.save();
            if (submodules) {
                git.submoduleInit().call();
                git.submoduleUpdate()
                        .setCredentialsProvider(credentials.providerFor(origin))
                        .call();
            }
        } catch (GitAPIException | IOException e) {
            throw new UnableToFetchSourceException(
                    "cannot prepare the clone of " + origin + ": " + GitSourceFetcher.message(e), e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
