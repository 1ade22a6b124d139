package dev.kiln.agent.backend.process;

import dev.kiln.agent.AgentException;
import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.backend.EnvironmentSpec;
import dev.kiln.agent.shell.CommandResult;
import dev.kiln.agent.shell.OutputSink;
import dev.kiln.agent.shell.ShellMode;
import dev.kiln.agent.shell.ShellScripts;
import dev.kiln.agent.shell.ShellSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/** One build's driver process and its temporary directory. */
final class ProcessEnvironment implements BuildEnvironment {
    private final Path root;
    private final Path sourceDirectory;
    private final Process process;
    private final ShellSession session;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean killed;

    private ProcessEnvironment(Path root, Path sourceDirectory, Process process, ShellSession session) {
        this.root = root;
        this.sourceDirectory = sourceDirectory;
        this.process = process;
        this.session = session;
    }

    static ProcessEnvironment start(Path root, EnvironmentSpec spec, Map<String, String> hostEnv) throws IOException {
        Path src = root.resolve(spec.sourceDirectory().replaceAll("^/+", ""));
        Files.createDirectories(src);
        Path state = Files.createDirectory(root.resolve("kiln"));
        for (String name : new String[] {"env", "pwd"}) {
            Files.createFile(state.resolve(name));
            Files.setPosixFilePermissions(state.resolve(name), PosixFilePermissions.fromString("rw-rw-rw-"));
        }
        Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwxrwxrwx"));
        String nonce = ShellSession.newNonce();
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", ShellScripts.driver()));
        command.addAll(List.of(ShellSession.driverArguments(state.toString(), nonce, false)));
        ProcessBuilder builder = new ProcessBuilder(command).directory(src.toFile());
        builder.environment().clear();
        builder.environment().putAll(hostEnv);
        builder.environment().putAll(spec.environment());
        builder.environment().put("CODEBUILD_SRC_DIR", src.toString());
        Process process = builder.start();
        ShellSession session =
                new ShellSession(nonce, state.toString(), process.getOutputStream(), (line, stderr) -> {});
        ProcessEnvironment environment = new ProcessEnvironment(root, src, process, session);
        environment.pump(process.getInputStream(), false);
        environment.pump(process.getErrorStream(), true);
        try {
            session.start(Duration.ofSeconds(30));
        } catch (TimeoutException | RuntimeException e) {
            environment.close();
            throw new AgentException("the build's shell driver did not start: " + e.getMessage(), e);
        }
        return environment;
    }

    private void pump(InputStream in, boolean stderr) {
        Thread thread = new Thread(
                () -> {
                    byte[] buffer = new byte[8192];
                    try (in) {
                        int n;
                        while ((n = in.read(buffer)) >= 0) {
                            if (stderr) {
                                session.stderr(buffer, 0, n);
                            } else {
                                session.stdout(buffer, 0, n);
                            }
                        }
                    } catch (IOException e) {
                        // the process ended
                    }
                    if (!stderr) {
                        String why = killed
                                ? "the build's processes were stopped"
                                : "the build's shell driver exited unexpectedly";
                        session.ended(why, null);
                    }
                },
                "kiln-process-" + (stderr ? "stderr" : "stdout"));
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String description() {
        return "host processes under " + root + " (not isolated: commands can read and change this machine)";
    }

    @Override
    public String sourceDirectory() {
        return sourceDirectory.toString();
    }

    @Override
    public void copyInto(Path hostDirectory, String directory) {
        Path into = Path.of(directory);
        try {
            Files.walkFileTree(hostDirectory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(into.resolve(hostDirectory.relativize(dir)));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path target = into.resolve(hostDirectory.relativize(file));
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    } else if (attrs.isRegularFile()) {
                        Files.copy(
                                file,
                                target,
                                StandardCopyOption.COPY_ATTRIBUTES,
                                StandardCopyOption.REPLACE_EXISTING,
                                LinkOption.NOFOLLOW_LINKS);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new AgentException("cannot copy the source directory " + hostDirectory + ": " + e, e);
        }
    }

    @Override
    public CommandResult run(
            String shell,
            Optional<String> runAs,
            boolean succeeding,
            ShellMode mode,
            String text,
            OutputSink sink,
            Duration timeout)
            throws TimeoutException {
        String me = System.getProperty("user.name");
        if (runAs.isPresent() && !runAs.get().equals(me)) {
            sink.line(
                    "kiln: run-as " + runAs.get() + " needs an isolated backend; the process backend runs every"
                            + " command as " + me,
                    true);
            return new CommandResult(126, false);
        }
        return session.run(shell, succeeding, mode, text, sink, timeout);
    }

    @Override
    public InputStream readTree(String directory) {
        Path dir = Path.of(directory);
        try {
            return SourceArchives.tarOf(dir, dir.getFileName().toString());
        } catch (IOException e) {
            throw new AgentException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void putTree(InputStream tar, String directory) {
        try {
            SourceArchives.extract(tar, Path.of(directory));
        } catch (IOException e) {
            throw new AgentException("cannot put files at " + directory + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void kill() {
        killed = true;
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        session.close();
        kill();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a temporary directory: best effort
        }
    }
}
