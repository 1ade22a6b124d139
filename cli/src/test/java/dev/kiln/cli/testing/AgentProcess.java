package dev.kiln.cli.testing;

import dev.kiln.cli.KilnMain;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A build agent as a separate process ({@code kiln agent build}), its output in a file. */
public final class AgentProcess implements AutoCloseable {
    private final Process process;
    private final Path log;

    private AgentProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts an agent on the process backend (builds run as host processes: no container engine needed). */
    public static AgentProcess start(String server, String token, Path log, String... extra) throws IOException {
        return start("process", server, token, log, extra);
    }

    /** Starts an agent on a backend ({@code docker} or {@code process}). */
    public static AgentProcess start(String backend, String server, String token, Path log, String... extra)
            throws IOException {
        return startWith(java.util.Map.of(), backend, server, token, log, extra);
    }

    /** Starts an agent on a backend with {@code env} added to its environment. */
    public static AgentProcess startWith(
            java.util.Map<String, String> env, String backend, String server, String token, Path log, String... extra)
            throws IOException {
        List<String> command =
                new ArrayList<>(KilnMain.command("agent", "build", "--server", server, "--backend", backend));
        command.addAll(List.of(extra));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KILN_TOKEN", token);
        builder.environment().putAll(env);
        return new AgentProcess(builder.start(), log);
    }

    /**
     * Starts a build agent on the container backend inside a network namespace ({@code ip netns exec}), as on
     * another machine: it reaches the orchestrator and the object store only over the namespace's link.
     */
    public static AgentProcess startIn(String namespace, String server, String token, Path log, String name)
            throws IOException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        command.addAll(KilnMain.command("agent", "build", "--server", server, "--backend", "docker", "--name", name));
        ProcessBuilder builder =
                new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("KILN_TOKEN", token);
        return new AgentProcess(builder.start(), log);
    }

    /** Whether it ended within {@code timeout}. */
    public boolean endsWithin(java.time.Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts a deploy agent ({@code kiln agent deploy}). */
    public static AgentProcess startDeploy(String server, String token, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(
                        KilnMain.command("agent", "deploy", "--server", server, "--name", "test-deploy"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("KILN_TOKEN", token);
        return new AgentProcess(builder.start(), log);
    }

    /** Its output so far. */
    public Path log() {
        return log;
    }

    /** Asks it to stop, as SIGTERM or Ctrl-C does; answers whether it ended within {@code timeout}. */
    public boolean stop(java.time.Duration timeout) throws InterruptedException {
        process.toHandle().destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Kills it at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
