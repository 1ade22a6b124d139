package dev.kiln.cli.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A bare repository and a clone of it: tests commit in the clone and push for real, with the git command. */
public final class GitRemote {
    private final Path bare;
    private final Path work;

    private GitRemote(Path bare, Path work) {
        this.bare = bare;
        this.work = work;
    }

    /** An empty remote and its clone under {@code dir}. */
    public static GitRemote create(Path dir, String name) throws IOException, InterruptedException {
        Path bare = dir.resolve(name + ".git");
        Path work = dir.resolve(name);
        git(dir, "init", "-q", "--bare", "-b", "main", bare.toString());
        git(dir, "clone", "-q", bare.toString(), work.toString());
        git(work, "config", "user.email", "dev@example.invalid");
        git(work, "config", "user.name", "Dev");
        git(work, "config", "commit.gpgsign", "false");
        return new GitRemote(bare, work);
    }

    /** The bare repository, which the orchestrator is given. */
    public Path bare() {
        return bare;
    }

    /** Writes a file in the clone. */
    public GitRemote write(String path, String text) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
    }

    /** Deletes a file in the clone, if it is there. */
    public GitRemote delete(String path) throws IOException {
        Files.deleteIfExists(work.resolve(path));
        return this;
    }

    /** Commits everything and pushes to {@code main}; answers the commit id. */
    public String commitAndPush(String message) throws IOException, InterruptedException {
        git(work, "add", "-A");
        git(work, "commit", "-q", "--allow-empty", "-m", message);
        git(work, "push", "-q", "origin", "HEAD:main");
        return git(work, "rev-parse", "HEAD").trim();
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .start();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException(
                    "git " + String.join(" ", args) + " failed: " + new String(out, StandardCharsets.UTF_8));
        }
        return new String(out, StandardCharsets.UTF_8);
    }
}
