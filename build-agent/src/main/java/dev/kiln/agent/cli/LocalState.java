package dev.kiln.agent.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;

/** What {@code kiln build} keeps between runs on this machine: per-project build numbers and artifacts. */
final class LocalState {
    private final Path root;

    LocalState(Path root) {
        this.root = root;
    }

    /** {@code $KILN_HOME}, else {@code $XDG_DATA_HOME/kiln}, else {@code ~/.local/share/kiln}. */
    static LocalState fromEnvironment(Map<String, String> env) {
        String kilnHome = env.get("KILN_HOME");
        if (kilnHome != null && !kilnHome.isBlank()) {
            return new LocalState(Path.of(kilnHome));
        }
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return new LocalState(Path.of(xdg, "kiln"));
        }
        return new LocalState(Path.of(System.getProperty("user.home"), ".local", "share", "kiln"));
    }

    /** The next build number of a project: 1 for its first build, then one more each time. Safe across processes. */
    long nextBuildNumber(String project) throws IOException {
        Path dir = root.resolve("projects").resolve(safe(project));
        Files.createDirectories(dir);
        try (FileChannel channel = FileChannel.open(
                        dir.resolve("build-number"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.READ,
                        StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            assert lock.isValid();
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            long next = (text.isEmpty() ? 0 : Long.parseLong(text)) + 1;
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((next + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            return next;
        } catch (NumberFormatException e) {
            throw new IOException("corrupt build counter for project " + project + " in " + dir, e);
        }
    }

    /** Where build caches live unless {@code --cache} says otherwise. */
    /** Kept clones of git sources (LOCAL_SOURCE_CACHE). */
    Path sourceCacheDirectory() {
        return root.resolve("source-cache");
    }

    Path cacheDirectory() {
        return root.resolve("cache");
    }

    /** Where a build's artifacts go unless {@code --artifacts} says otherwise. */
    Path artifactsDirectory(String project, long buildNumber) {
        return root.resolve("artifacts").resolve(safe(project)).resolve(Long.toString(buildNumber));
    }

    private static String safe(String name) {
        return name.replaceAll("[^A-Za-z0-9_.-]", "_");
    }
}
