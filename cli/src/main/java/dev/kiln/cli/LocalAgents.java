package dev.kiln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The agents {@code kiln up} runs as child processes (its build agents and one deploy agent), logging to the data directory. Agents left running by
 * an orchestrator that was killed are counted, not started again: they reconnect by themselves.
 */
final class LocalAgents {
    /** How long after its grace an agent has to give its jobs back and end (its own limit, and some). */
    private static final Duration HAND_BACK = Duration.ofSeconds(40);

    private final Path pidFile;
    private final Duration grace;
    private final List<ProcessHandle> agents = new ArrayList<>();

    /** The agents of a data directory, given {@code grace} to end their jobs when stopped. */
    LocalAgents(Path dataDirectory, Duration grace) {
        this.pidFile = dataDirectory.resolve("agents.pids");
        this.grace = grace;
    }

    /**
     * Starts build agents until {@code count} run, and one deploy agent unless one runs (none at all with a count of
     * 0: agents run elsewhere); {@code extraArgs} go to the build agents.
     */
    void start(int count, String server, Tokens tokens, List<String> extraArgs, Path logs) throws IOException {
        adoptLeftovers();
        Files.createDirectories(logs);
        for (int i = running("build"); i < count; i++) {
            List<String> command = new ArrayList<>(KilnMain.command(
                    "agent",
                    "build",
                    "--server",
                    server,
                    "--name",
                    "local-" + (i + 1),
                    "--grace",
                    Long.toString(grace.toSeconds())));
            command.addAll(extraArgs);
            launch(command, tokens.build(), logs.resolve("agent-" + (i + 1) + ".log"));
        }
        if (count > 0 && running("deploy") == 0) {
            // the deploy agent runs long and encrypts every upload: it gets the optimizing compiler too
            List<String> command = new ArrayList<>(KilnMain.command(
                    "agent",
                    "deploy",
                    "--server",
                    server,
                    "--name",
                    "local-deploy",
                    "--grace",
                    Long.toString(grace.toSeconds())));
            command.remove("-XX:TieredStopAtLevel=1");
            launch(command, tokens.deploy(), logs.resolve("deploy-agent.log"));
        }
        save();
    }

    /**
     * The agent tokens the local agents join with: one for build agents, one for the deploy agent (never an admin's).
     *
     * @param build the build agents' token
     * @param deploy the deploy agent's token
     */
    record Tokens(String build, String deploy) {
        @Override
        public String toString() {
            return "Tokens[local agents]";
        }
    }

    private void launch(List<String> command, String token, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KILN_TOKEN", token);
        agents.add(builder.start().toHandle());
    }

    private int running(String kind) {
        String marker = KilnMain.class.getName() + " agent " + kind;
        return (int) agents.stream()
                .filter(a -> a.info().commandLine().orElse("").contains(marker))
                .count();
    }

    int count() {
        return agents.size();
    }

    /**
     * Stops the agents as SIGTERM does: each lets its jobs end for the grace, then gives back those still running
     * (the orchestrator must still answer meanwhile); an agent not gone some time after that is killed.
     */
    void stop() {
        agents.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.plus(HAND_BACK).toNanos();
        for (ProcessHandle agent : agents) {
            try {
                agent.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                agent.destroyForcibly();
            }
        }
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException e) {
            // nothing left to track
        }
    }

    private void adoptLeftovers() throws IOException {
        if (!Files.exists(pidFile)) {
            return;
        }
        for (String line : Files.readAllLines(pidFile)) {
            parse(line)
                    .flatMap(ProcessHandle::of)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().orElse("").contains(KilnMain.class.getName() + " agent"))
                    .ifPresent(agents::add);
        }
    }

    private void save() throws IOException {
        StringBuilder out = new StringBuilder();
        agents.forEach(a -> out.append(a.pid()).append('\n'));
        Files.writeString(pidFile, out);
    }

    private static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
