package dev.kiln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The agents {@code kiln up} runs as child processes (its build agents and one deploy agent), logging to the data directory. Agents left running by
 * an orchestrator that was killed are counted, not started again: they reconnect by themselves.
 */
final class LocalAgents {
    private final Path pidFile;
    private final List<ProcessHandle> agents = new ArrayList<>();

    LocalAgents(Path dataDirectory) {
        this.pidFile = dataDirectory.resolve("agents.pids");
    }

    /**
     * Starts build agents until {@code count} run, and one deploy agent unless one runs (none at all with a count of
     * 0: agents run elsewhere); {@code extraArgs} go to the build agents.
     */
    void start(int count, String server, Tokens tokens, List<String> extraArgs, Path logs) throws IOException {
        adoptLeftovers();
        Files.createDirectories(logs);
        for (int i = running("build"); i < count; i++) {
            List<String> command = new ArrayList<>(
                    KilnMain.command("agent", "build", "--server", server, "--name", "local-" + (i + 1)));
            command.addAll(extraArgs);
            launch(command, tokens.build(), logs.resolve("agent-" + (i + 1) + ".log"));
        }
        if (count > 0 && running("deploy") == 0) {
            // the deploy agent runs long and encrypts every upload: it gets the optimizing compiler too
            List<String> command =
                    new ArrayList<>(KilnMain.command("agent", "deploy", "--server", server, "--name", "local-deploy"));
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

    /** Stops the agents: each finishes its job's log and result first if it can. */
    void stop() {
        agents.forEach(ProcessHandle::destroy);
        for (ProcessHandle agent : agents) {
            try {
                agent.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
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
