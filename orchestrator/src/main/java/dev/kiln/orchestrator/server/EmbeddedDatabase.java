package dev.kiln.orchestrator.server;

import dev.kiln.kit.PrivateFiles;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.state.StateUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server Kiln runs itself, its data under the data directory so it survives restarts. A server left
 * running by an orchestrator that was killed is stopped first.
 *
 * <p>Only Kiln can log in: user {@code postgres} has a random password, kept in {@code database-password} beside the
 * data (mode 0600, like the object store's keys), and {@code pg_hba.conf} asks every connection for it (SCRAM), on
 * loopback only. A data directory made before (trusting every local user) is secured at its next start: the server
 * starts once as it was, gets the password and the new rules, and reloads them; the password file is named only once
 * that is done, so a crash in between does it again with the same pending password.
 */
final class EmbeddedDatabase implements AutoCloseable {
    /** The file beside the data directory that holds user postgres's password. */
    static final String PASSWORD_FILE = "database-password";

    private static final String SECURED_RULES = """
            # Written by Kiln at each start: every connection gives user postgres's password (SCRAM), on loopback only.
            local all all scram-sha-256
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private static final String FIRST_START_RULES = """
            # Written by Kiln for one start only, until user postgres has its password.
            host all all 127.0.0.1/32 trust
            """;

    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedDatabase(EmbeddedPostgres postgres, String password) {
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedDatabase start(Path directory) {
        try {
            Files.createDirectories(directory);
            stopLeftover(directory);
            Path kept = directory.resolveSibling(PASSWORD_FILE);
            Path pending = directory.resolveSibling(PASSWORD_FILE + ".pending");
            boolean secured = Files.isRegularFile(kept);
            String password;
            if (secured) {
                password = Files.readString(kept).strip();
            } else if (Files.isRegularFile(pending)) {
                password = Files.readString(pending).strip();
            } else {
                password = dev.kiln.orchestrator.access.Tokens.generate();
                PrivateFiles.write(pending, password + "\n");
            }
            String rules = secured ? SECURED_RULES : FIRST_START_RULES;
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(freePort())
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setConnectConfig("password", password)
                    .setDataDirectoryCustomizer(data -> writeRules(data.toPath(), rules))
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // stopped by its owner, in order (after the agents that still report to it): a hook of its own
                    // would stop it the moment a Ctrl-C arrives; one left by a killed owner is stopped at next start
                    .setRegisterShutdownHook(false)
                    .start();
            if (!secured) {
                secure(postgres, directory, password);
                Files.move(pending, kept, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return new EmbeddedDatabase(postgres, password);
        } catch (IOException | SQLException | RuntimeException e) {
            throw new StateUnavailableException(
                    "could not start the embedded PostgreSQL in " + directory + ": " + e.getMessage()
                            + "; or pass --database postgresql://... for a server of your own",
                    e);
        }
    }

    /** Gives user postgres its password, then asks every connection for it from now on. */
    private static void secure(EmbeddedPostgres postgres, Path directory, String password) throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
                Statement statement = c.createStatement()) {
            // the password is Kiln's own token alphabet (letters, digits, '_'), so it is a plain literal
            statement.execute("ALTER ROLE postgres WITH PASSWORD '" + password + "'");
            writeRules(directory, SECURED_RULES);
            statement.execute("SELECT pg_reload_conf()");
        }
    }

    private static void writeRules(Path data, String rules) {
        try {
            Files.writeString(data.resolve("pg_hba.conf"), rules);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Database database() {
        return new Database("jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres", "postgres", password);
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
