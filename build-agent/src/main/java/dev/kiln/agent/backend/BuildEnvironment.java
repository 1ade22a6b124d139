package dev.kiln.agent.backend;

import dev.kiln.agent.shell.CommandResult;
import dev.kiln.agent.shell.OutputSink;
import dev.kiln.agent.shell.ShellMode;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * One build's running environment with its shell driver. Commands run one at a time from the engine's thread;
 * {@link #kill} may be called from any thread (timeouts, stop requests) and makes a waiting command fail.
 * {@link #close} is idempotent and safe after a failed start.
 */
public interface BuildEnvironment extends AutoCloseable {

    /** A one-line description for the log: backend, engine and image. */
    String description();

    /** The absolute path of {@code CODEBUILD_SRC_DIR} inside the environment. */
    String sourceDirectory();

    /** Copies a host directory to the source directory inside the environment. */
    default void copySource(Path hostDirectory) {
        copyInto(hostDirectory, sourceDirectory());
    }

    /** Copies a host directory's contents to an absolute directory inside the environment (created if missing). */
    void copyInto(Path hostDirectory, String directory);

    /**
     * Runs one command through the shell driver.
     *
     * @param shell {@code sh} or {@code bash}
     * @param runAs a user other than the environment's default, if the phase asks for one
     * @param succeeding {@code CODEBUILD_BUILD_SUCCEEDING} for this command
     * @param mode buildspec 0.2 state or a fresh 0.1 shell
     * @param text the command
     * @param sink where its output goes
     * @param timeout how long it may take
     * @throws TimeoutException when it runs past {@code timeout}
     */
    CommandResult run(
            String shell,
            Optional<String> runAs,
            boolean succeeding,
            ShellMode mode,
            String text,
            OutputSink sink,
            Duration timeout)
            throws TimeoutException;

    /**
     * A tar stream of a directory inside the environment. As with the Docker archive API, every entry's first path
     * component is the directory's own name ({@code src/a.txt} for {@code /x/src}). The caller closes it.
     */
    InputStream readTree(String directory);

    /**
     * Unpacks a tar stream at {@code directory} inside the environment (created if missing). Entries are relative
     * to it; none may leave it.
     */
    void putTree(InputStream tar, String directory);

    /** Kills everything running in the environment now. */
    void kill();

    /** Stops and removes the environment. */
    @Override
    void close();
}
