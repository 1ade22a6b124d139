package dev.kiln.cli;

import dev.kiln.deploy.ssh.LoopbackSshd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The OpenSSH server {@code kiln up --example} starts on 127.0.0.1 to stand in for an example's SSH hosts: its own
 * host key, a client key for the deploy agent, the user running Kiln, and the same port each time (kept in its
 * folder), so the environment it backs stays valid across restarts. Stopped with {@code kiln up}.
 */
final class LocalSshd implements AutoCloseable {
    private final Path dir;
    private final LoopbackSshd server;

    private LocalSshd(Path dir, LoopbackSshd server) {
        this.dir = dir;
        this.server = server;
    }

    /** Starts the server kept in {@code dir}. */
    static LocalSshd start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path clientKey = dir.resolve("client_ed25519_key");
        if (!Files.exists(clientKey)) {
            LoopbackSshd.keygen(clientKey, "kiln-example-deploys");
        }
        Path portFile = dir.resolve("port");
        int port;
        if (Files.exists(portFile)) {
            port = Integer.parseInt(Files.readString(portFile).strip());
        } else {
            port = LoopbackSshd.freePort();
            Files.writeString(portFile, port + "\n");
        }
        String authorized = Files.readString(dir.resolve("client_ed25519_key.pub"));
        return new LocalSshd(dir, LoopbackSshd.start(dir, port, authorized, Optional.empty()));
    }

    /** The host as environments name it. */
    String host() {
        return System.getProperty("user.name") + "@127.0.0.1:" + server.port();
    }

    /** The deploy agent's private key. */
    String privateKey() throws IOException {
        return Files.readString(dir.resolve("client_ed25519_key"));
    }

    /** The server's key as a known_hosts line. */
    String knownHosts() throws IOException {
        return server.knownHostsLine() + "\n";
    }

    @Override
    public void close() {
        server.close();
    }
}
