package dev.kiln.deploy.ssh;

import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import dev.kiln.deploy.DeployLog;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshHost;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;
import org.jspecify.annotations.Nullable;

/** A {@link HostShell} over one SSHJ connection; each command is its own session on it. */
public final class SshHostShell implements HostShell {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final DefaultConfig CONFIG = config();

    private final SshHost host;
    private final SSHClient client;
    private final Optional<KnownHostKey> learned;

    private SshHostShell(SshHost host, SSHClient client, Optional<KnownHostKey> learned) {
        this.host = host;
        this.client = client;
        this.learned = learned;
    }

    /**
     * Connects and logs in with the private key, after checking the host's key.
     *
     * @throws HostKeyRejectedException when the host's key is not trusted
     * @throws HostUnreachableException when the host cannot be reached or refuses the key
     */
    public static SshHostShell connect(
            SshHost host, String privateKey, List<KnownHostKey> known, boolean trustOnFirstUse) {
        TrustedHostKeys verifier = new TrustedHostKeys(host, known, trustOnFirstUse);
        SSHClient client = new SSHClient(CONFIG);
        client.addHostKeyVerifier(verifier);
        client.setConnectTimeout(CONNECT_TIMEOUT_MS);
        client.setTimeout(0);
        try {
            client.connect(host.host(), host.port());
        } catch (IOException e) {
            closeQuietly(client);
            if (verifier.rejection().isPresent()) {
                throw new HostKeyRejectedException(verifier.rejection().get());
            }
            throw new HostUnreachableException(
                    "cannot reach " + host + ": " + e.getMessage() + "; check that sshd listens there", e);
        }
        try {
            KeyProvider key = client.loadKeys(privateKey, null, null);
            client.authPublickey(host.user(), key);
        } catch (IOException e) {
            closeQuietly(client);
            throw new HostUnreachableException(
                    host + " refused the environment's key for user '" + host.user() + "' (" + e.getMessage()
                            + "); add its public key to that user's ~/.ssh/authorized_keys",
                    e);
        }
        return new SshHostShell(host, client, verifier.learned());
    }

    /**
     * SSHJ's settings: AES-GCM first (then AES-CTR), through the JDK's own provider, which uses the CPU's AES
     * instructions; SSHJ would otherwise send every byte through Bouncy Castle's pure-Java ciphers, several times
     * slower on uploads. Bouncy Castle stays registered for the key formats it reads.
     */
    private static DefaultConfig config() {
        SecurityUtils.isBouncyCastleRegistered();
        SecurityUtils.setSecurityProvider(null);
        DefaultConfig config = new DefaultConfig();
        config.setCipherFactories(
                java.util.List.<net.schmizz.sshj.common.Factory.Named<net.schmizz.sshj.transport.cipher.Cipher>>of(
                        GcmCiphers.AES128GCM(),
                        GcmCiphers.AES256GCM(),
                        BlockCiphers.AES128CTR(),
                        BlockCiphers.AES256CTR()));
        return config;
    }

    /** The host key trusted on first use by this connection, if one was. */
    public Optional<KnownHostKey> learnedHostKey() {
        return learned;
    }

    @Override
    public String name() {
        return host.toString();
    }

    @Override
    public int run(String script, Duration timeout, DeployLog output) {
        try (Session session = client.startSession()) {
            Session.Command command = session.exec("sh -c " + ShellWords.quote(script) + " 2>&1");
            command.getOutputStream().close();
            Thread reader = new Thread(() -> copyLines(command.getInputStream(), output), "ssh-output-" + host);
            reader.setDaemon(true);
            reader.start();
            try {
                command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (command.isOpen()) {
                    return -1;
                }
                throw e;
            }
            reader.join(5_000);
            Integer status = command.getExitStatus();
            return status == null ? -1 : status;
        } catch (IOException e) {
            throw new HostUnreachableException("lost the connection to " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostUnreachableException("interrupted while running a command on " + host, e);
        }
    }

    @Override
    public String capture(String script, Duration timeout) {
        return exec(script, null, timeout);
    }

    @Override
    public void send(InputStream data, String script, Duration timeout) {
        exec(script, data, timeout);
    }

    /** Runs a script, its standard input {@code data} (or nothing); fails on a non-zero exit. */
    private String exec(String script, @Nullable InputStream data, Duration timeout) {
        try (Session session = client.startSession()) {
            Session.Command command = session.exec("sh -c " + ShellWords.quote(script));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            Thread errors = new Thread(() -> copy(command.getErrorStream(), err), "ssh-errors-" + host);
            errors.setDaemon(true);
            errors.start();
            try (OutputStream in = command.getOutputStream()) {
                if (data != null) {
                    data.transferTo(in);
                }
            }
            byte[] out = command.getInputStream().readAllBytes();
            command.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            errors.join(5_000);
            return checked(command.getExitStatus(), new String(out, StandardCharsets.UTF_8), err, script);
        } catch (IOException e) {
            throw new HostUnreachableException("lost the connection to " + host + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostUnreachableException("interrupted while running a command on " + host, e);
        }
    }

    private String checked(Integer status, String out, ByteArrayOutputStream err, String script) {
        if (status == null || status != 0) {
            String said = (err.toString(StandardCharsets.UTF_8) + out).strip();
            String first = script.lines().findFirst().orElse("");
            throw new RemoteCommandException("'" + first + (script.contains("\n") ? " ..." : "") + "' failed on " + host
                    + " (exit " + status + ")" + (said.isEmpty() ? "" : ": " + said));
        }
        return out;
    }

    private static void copyLines(InputStream in, DeployLog output) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.line(line);
            }
        } catch (IOException e) {
            output.line("(output cut: " + e.getMessage() + ")");
        }
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try {
            in.transferTo(out);
        } catch (IOException e) {
            // The command's result says what happened; a cut error stream only shortens the message.
        }
    }

    @Override
    public void close() {
        closeQuietly(client);
    }

    private static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException e) {
            // Closing a connection that already broke: nothing left to release.
        }
    }
}
