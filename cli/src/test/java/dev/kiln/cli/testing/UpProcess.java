package dev.kiln.cli.testing;

import dev.kiln.cli.KilnMain;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code kiln up} as a separate process on a data directory, to kill and start again. */
public final class UpProcess implements AutoCloseable {
    private final Process process;

    private UpProcess(Process process) {
        this.process = process;
    }

    /** A free loopback port. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Starts {@code kiln server} on {@code port} with {@code env} (its database, store and tokens) and waits until it
     * answers: 200 when it leads, 503 on standby.
     */
    public static UpProcess server(Path data, int port, Map<String, String> env, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(KilnMain.command(
                        "server", "--port", Integer.toString(port), "--data", data.toString(), "--poll-interval", "1"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return waitFor(new UpProcess(builder.start()), port, log, java.util.Set.of(200, 503));
    }

    /** Starts {@code kiln up} without local agents and waits until health answers. */
    public static UpProcess start(Path data, int port, Path config, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(KilnMain.command(
                        "up",
                        "--port",
                        Integer.toString(port),
                        "--data",
                        data.toString(),
                        "--agents",
                        "0",
                        "--poll-interval",
                        "1",
                        "--ui-port",
                        "0"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("KILN_CONFIG", config.toString());
        return waitFor(new UpProcess(builder.start()), port, log, java.util.Set.of(200));
    }

    private static UpProcess waitFor(UpProcess up, int port, Path log, java.util.Set<Integer> statuses)
            throws InterruptedException {
        Api health = new Api("http://127.0.0.1:" + port, null);
        Waits.until(Duration.ofSeconds(90), "kiln to answer health (log: " + log + ")", () -> {
            if (!up.process.isAlive()) {
                throw new AssertionError("kiln ended: " + read(log));
            }
            return statuses.contains(health.get("/api/v1/health").status()) ? Boolean.TRUE : null;
        });
        return up;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGKILL: no shutdown hook runs. */
    public void kill() throws InterruptedException {
        process.toHandle().destroyForcibly();
        process.waitFor(20, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.toHandle().destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
