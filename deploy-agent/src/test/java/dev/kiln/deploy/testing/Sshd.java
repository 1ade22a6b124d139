package dev.kiln.deploy.testing;

import dev.kiln.deploy.ssh.LoopbackSshd;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A real OpenSSH server on a loopback port standing for a machine of its own: its own host key, config and home
 * folder, letting {@link ClientKey} in as the user running the tests. Stopped on close.
 */
public final class Sshd implements AutoCloseable {
    private final Path dir;
    private final LoopbackSshd server;

    private Sshd(Path dir, LoopbackSshd server) {
        this.dir = dir;
        this.server = server;
    }

    /** Starts a server in {@code dir} that accepts {@code key}. */
    public static Sshd start(Path dir, ClientKey key) throws IOException, InterruptedException {
        return new Sshd(
                dir,
                LoopbackSshd.start(dir, LoopbackSshd.freePort(), key.publicKey(), Optional.of(dir.resolve("home"))));
    }

    /** The host, as the user running the tests. */
    public SshHost host() {
        return new SshHost(System.getProperty("user.name"), "127.0.0.1", server.port());
    }

    /** The server's host key as the environment would trust it. */
    public KnownHostKey knownKey() {
        try {
            return new KnownHostKey(
                    host().knownHostsName(),
                    dev.kiln.deploy.ssh.Fingerprints.of(
                            java.util.Base64.getDecoder().decode(server.hostKeyBase64())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The server's public host key line, as {@code ssh-keyscan} would print it. */
    public String knownHostsLine() throws IOException {
        return server.knownHostsLine();
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
        server.close();
    }
}
