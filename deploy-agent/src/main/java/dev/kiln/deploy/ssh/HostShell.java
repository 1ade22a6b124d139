package dev.kiln.deploy.ssh;

import dev.kiln.deploy.DeployLog;
import java.io.InputStream;
import java.time.Duration;

/** A shell on one target host. Not thread-safe: one per host and deployment. */
public interface HostShell extends AutoCloseable {
    /** The host, as {@code user@host[:port]}. */
    String name();

    /**
     * Runs a POSIX {@code sh} script on the host, writing its output (stdout and stderr) to the log.
     *
     * @param timeout after which the command is abandoned (the script should time itself out first)
     * @return the exit status, or -1 if it did not end within the timeout
     */
    int run(String script, Duration timeout, DeployLog output);

    /** Runs a script and returns its standard output; a non-zero exit fails with the output in the message. */
    String capture(String script, Duration timeout);

    /** Streams {@code data} into the standard input of {@code script}; a non-zero exit fails. */
    void send(InputStream data, String script, Duration timeout);

    @Override
    void close();
}
