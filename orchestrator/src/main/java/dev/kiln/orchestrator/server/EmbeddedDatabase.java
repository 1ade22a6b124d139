package dev.kiln.orchestrator.server;

import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.state.StateUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server Kiln runs itself, its data under the data directory so it survives restarts. A server left
 * running by an orchestrator that was killed is stopped first.
 */
final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedDatabase start(Path directory) {
        try {
            Files.createDirectories(directory);
            stopLeftover(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .start();
            return new EmbeddedDatabase(postgres);
        } catch (IOException | RuntimeException e) {
            throw new StateUnavailableException(
                    "could not start the embedded PostgreSQL in " + directory + ": " + e.getMessage()
                            + "; or pass --database postgresql://... for a server of your own",
                    e);
        }
    }

    Database database() {
        return new Database("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", "");
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }

    /** A postmaster whose owner was killed still holds the directory: stop it, and wait until it is gone. */
    private static void stopLeftover(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        Optional<ProcessHandle> postmaster =
                lines.isEmpty() ? Optional.empty() : parse(lines.get(0)).flatMap(ProcessHandle::of);
        if (postmaster.isPresent() && postmaster.get().isAlive()) {
            postmaster.get().destroy();
            try {
                postmaster.get().onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                postmaster.get().destroyForcibly();
            }
        }
        Files.deleteIfExists(pidFile);
    }

    private static Optional<Long> parse(String text) {
        try {
            return Optional.of(Long.parseLong(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
