package dev.kiln.orchestrator.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An OpenSSH server on 127.0.0.1 that {@code kiln up --example} starts to stand in for an example's SSH hosts: its
 * own host key, a client key for the deploy agent, the user running Kiln, and the same port each time (kept in its
 * folder), so the environment it backs stays valid across restarts. Stopped with {@code kiln up}.
 */
final class LocalSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;

    private LocalSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts the server kept in {@code dir}.
     *
     * @throws IllegalStateException saying what to install or free when it cannot start
     */
    static LocalSshd start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException("an example's SSH environment needs Debian's openssh-server"
                    + " (apt-get install openssh-server; bin/setup-engine --for-examples installs it)");
        }
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("host_ed25519_key");
        Path clientKey = dir.resolve("client_ed25519_key");
        for (Path key : List.of(hostKey, clientKey)) {
            if (!Files.exists(key)) {
                run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kiln-example", "-f", key.toString());
            }
        }
        Path portFile = dir.resolve("port");
        int port;
        if (Files.exists(portFile)) {
            port = Integer.parseInt(Files.readString(portFile).strip());
        } else {
            try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            Files.writeString(portFile, port + "\n");
        }
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "# Written by kiln up --example: a local stand-in for an example's SSH hosts.",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKey,
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + dir.resolve("client_ed25519_key.pub"),
                        "UsePAM no",
                        "StrictModes no",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "MaxSessions 32",
                        ""));
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        LocalSshd sshd = new LocalSshd(dir, port, process);
        sshd.awaitListening();
        return sshd;
    }

    /** The host as environments name it. */
    String host() {
        return System.getProperty("user.name") + "@127.0.0.1:" + port;
    }

    /** The deploy agent's private key. */
    String privateKey() throws IOException {
        return Files.readString(dir.resolve("client_ed25519_key"));
    }

    /** The server's key as a known_hosts line. */
    String knownHosts() throws IOException {
        String[] pub =
                Files.readString(dir.resolve("host_ed25519_key.pub")).strip().split("\\s+");
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1] + "\n";
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the local SSH server did not start (port " + port + " taken?): "
                        + Files.readString(dir.resolve("sshd.log")).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        close();
        throw new IllegalStateException("the local SSH server did not listen on port " + port + " within 10 s");
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + out.strip());
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
