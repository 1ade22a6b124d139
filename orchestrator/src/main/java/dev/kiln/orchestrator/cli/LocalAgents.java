package dev.kiln.orchestrator.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build agents {@code kiln up} runs as child processes, logging to the data directory. Agents left running by
 * an orchestrator that was killed are counted, not started again: they reconnect by themselves.
 */
final class LocalAgents {
    private final Path pidFile;
    private final List<ProcessHandle> agents = new ArrayList<>();

    LocalAgents(Path dataDirectory) {
        this.pidFile = dataDirectory.resolve("agents.pids");
    }

    /** Starts agents until {@code count} run. */
    void start(int count, String server, String token, List<String> extraArgs, Path logs) throws IOException {
        adoptLeftovers();
        Files.createDirectories(logs);
        for (int i = agents.size(); i < count; i++) {
            List<String> command = new ArrayList<>(
                    KilnMain.command("agent", "build", "--server", server, "--name", "local-" + (i + 1)));
            command.addAll(extraArgs);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(
                            logs.resolve("agent-" + (i + 1) + ".log").toFile()));
            builder.environment().put("KILN_TOKEN", token);
            agents.add(builder.start().toHandle());
        }
        save();
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
