package dev.kiln.deploy.ssh;

import dev.kiln.deploy.DeployException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Debian's OpenSSH server on a 127.0.0.1 port, kept in a folder of its own (host key, config, log), letting in the
 * given public keys as the user running it. Stands in for SSH hosts where none exist: {@code kiln up --example}'s
 * environments and the tests. Stopped on close.
 */
public final class LoopbackSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final Path dir;
    private final int port;
    private final Process process;

    private LoopbackSshd(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    /**
     * Starts a server in {@code dir} on {@code port}; its host key is made the first time and kept.
     *
     * @param authorizedKeys the public keys let in, as an authorized_keys file holds them
     * @param home the home folder its sessions get, standing for a machine of their own; empty for the user's
     * @throws DeployException saying what to install, or why the server did not start
     */
    public static LoopbackSshd start(Path dir, int port, String authorizedKeys, Optional<Path> home)
            throws IOException, InterruptedException {
        if (!Files.isExecutable(SSHD)) {
            throw new DeployException("no OpenSSH server here: apt-get install openssh-server (bin/setup-engine"
                    + " --for-examples or --for-tests installs it without starting the system's)");
        }
        Files.createDirectories(dir);
        Files.createDirectories(Path.of("/run/sshd"));
        Path hostKey = dir.resolve("host_ed25519_key");
        if (!Files.exists(hostKey)) {
            keygen(hostKey, "kiln-loopback-host");
        }
        Path authorized = dir.resolve("authorized_keys");
        Files.writeString(authorized, authorizedKeys);
        List<String> config = new ArrayList<>(List.of(
                "# Written by Kiln: an SSH server on loopback standing in for a host.",
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
                "Subsystem sftp internal-sftp"));
        if (home.isPresent()) {
            Files.createDirectories(home.get());
            config.add("SetEnv HOME=" + home.get());
        }
        Path file = dir.resolve("sshd_config");
        Files.writeString(file, String.join("\n", config) + "\n");
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // its own session: a Ctrl-C in the terminal stops Kiln, which stops this server once deploys have ended
            command.add(SETSID.toString());
        }
        command.addAll(List.of(SSHD.toString(), "-D", "-e", "-f", file.toString()));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("sshd.log").toFile())
                .start();
        LoopbackSshd sshd = new LoopbackSshd(dir, port, process);
        sshd.awaitListening();
        return sshd;
    }

    /** A port free on 127.0.0.1 now. */
    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Makes an ed25519 key pair without a passphrase ({@code file} and {@code file.pub}). */
    public static void keygen(Path file, String comment) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(
                        "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", file.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new DeployException("ssh-keygen failed for " + file + ": " + out.strip());
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new DeployException("the SSH server on port " + port + " exited (port taken?): "
                        + Files.readString(dir.resolve("sshd.log")).strip());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(20);
            }
        }
        close();
        throw new DeployException("the SSH server did not listen on port " + port + " within 10 s: "
                + Files.readString(dir.resolve("sshd.log")).strip());
    }

    /** Its port. */
    public int port() {
        return port;
    }

    /** Its host key, as {@code ssh-keyscan} prints it: {@code [127.0.0.1]:PORT TYPE BASE64}. */
    public String knownHostsLine() throws IOException {
        String[] pub =
                Files.readString(dir.resolve("host_ed25519_key.pub")).strip().split("\\s+", -1);
        return "[127.0.0.1]:" + port + " " + pub[0] + " " + pub[1];
    }

    /** Its host key's base64 blob. */
    public String hostKeyBase64() throws IOException {
        return Files.readString(dir.resolve("host_ed25519_key.pub")).strip().split("\\s+", -1)[1];
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
