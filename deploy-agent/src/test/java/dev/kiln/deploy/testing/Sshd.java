package dev.kiln.deploy.testing;

import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH server on a loopback port, with its own host key, config and folder, that lets {@link ClientKey}
 * in as the user running the tests. Stopped on close.
 */
public final class Sshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");

    private final Path dir;
    private final int port;
    private final Process process;

    private Sshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /** Starts a server in {@code dir} that accepts {@code key}. */
    public static Sshd start(Path dir, ClientKey key) throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new IllegalStateException("the tests need Debian's openssh-server: run bin/setup-engine --for-tests");
        }
        Files.createDirectories(dir.resolve("home"));
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = dir.resolve("host_ed25519_key");
        if (!Files.exists(hostKey)) {
            Processes.run(
                    "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "kiln-test-host", "-f", hostKey.toString());
        }
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, key.publicKey());
        int port = freePort();
        Path config = dir.resolve("sshd_config");
        Files.writeString(
                config,
                String.join(
                        "\n",
                        "Port " + port,
                        "ListenAddress 127.0.0.1",
                        "HostKey " + hostKey,
                        "PidFile " + dir.resolve("sshd.pid"),
                        "AuthorizedKeysFile " + authorized,
                        "UsePAM no",
                        "StrictModes no",
                        "PasswordAuthentication no",
                        "KbdInteractiveAuthentication no",
                        "PermitRootLogin prohibit-password",
                        "MaxSessions 64",
                        "MaxStartups 64",
                        "Subsystem sftp internal-sftp",
                        // Each server stands for its own machine: its sessions get their own home folder.
                        "SetEnv HOME=" + dir.resolve("home"),
                        ""));
        Process process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        Sshd sshd = new Sshd(dir, port, process);
        sshd.awaitListening();
        return sshd;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("sshd exited: " + Files.readString(dir.resolve("sshd.log")));
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        throw new IllegalStateException(
                "sshd did not listen on " + port + ": " + Files.readString(dir.resolve("sshd.log")));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** The host, as the user running the tests. */
    public SshHost host() {
        return new SshHost(System.getProperty("user.name"), "127.0.0.1", port);
    }

    /** The server's host key as the environment would trust it. */
    public KnownHostKey knownKey() {
        try {
            String line = Files.readString(dir.resolve("host_ed25519_key.pub")).strip();
            return new KnownHostKey(
                    host().knownHostsName(),
                    dev.kiln.deploy.ssh.Fingerprints.of(
                            java.util.Base64.getDecoder().decode(line.split(" ")[1])));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's public host key line, as {@code ssh-keyscan} would print it. */
    public String knownHostsLine() throws IOException {
        String[] f =
                Files.readString(dir.resolve("host_ed25519_key.pub")).strip().split(" ");
        return host().knownHostsName() + " " + f[0] + " " + f[1];
    }

    /** Known keys of several servers. */
    public static List<KnownHostKey> keys(List<Sshd> servers) {
        return servers.stream().map(Sshd::knownKey).toList();
    }

    /** The home folder its sessions get. */
    public Path home() {
        return dir.resolve("home");
    }

    /** The server's folder. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
