package dev.kiln.agent.shell;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * The agent's side of the driver protocol for one build. A backend feeds it the environment's stdout and stderr
 * bytes (from any threads) and gives it the driver's stdin; {@link #run} sends one command and waits until the
 * markers on both streams say it ended. One command at a time; {@link #run} is not re-entrant, the feed methods
 * are thread-safe.
 */
public final class ShellSession {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String nonce;
    private final String stateDir;
    private final OutputStream stdin;
    private final LineAssembler out;
    private final LineAssembler err;
    private final Object lock = new Object();
    private OutputSink sink;
    private @Nullable Pending pending;
    private @Nullable Throwable lost;
    private int nextId = 1;

    private static final class Pending {
        final String id;
        final CompletableFuture<CommandResult> done = new CompletableFuture<>();

        @Nullable
        String stdoutMarker;

        @Nullable
        String stderrMarker;

        Pending(String id) {
            this.id = id;
        }
    }

    /**
     * A session whose driver runs with {@code nonce} and keeps its state in {@code stateDir}.
     *
     * @param sink where output goes when no command is running (the driver's own messages)
     */
    public ShellSession(String nonce, String stateDir, OutputStream stdin, OutputSink sink) {
        this.nonce = nonce;
        this.stateDir = stateDir;
        this.stdin = stdin;
        this.sink = sink;
        this.out = new LineAssembler(nonce, line -> line(line, false), (id, v) -> marker(id, v, false));
        this.err = new LineAssembler(nonce, line -> line(line, true), (id, v) -> marker(id, v, true));
    }

    /** A fresh random nonce for a build. */
    public static String newNonce() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The arguments after {@code sh -c DRIVER}: {@code kiln STATE_DIR NONCE OOM_CHECK}. */
    public static String[] driverArguments(String stateDir, String nonce, boolean oomCheck) {
        return new String[] {"kiln", stateDir, nonce, oomCheck ? "1" : "0"};
    }

    /** Feeds stdout bytes. */
    public void stdout(byte[] data, int offset, int length) {
        synchronized (out) {
            out.feed(data, offset, length);
        }
    }

    /** Feeds stderr bytes. */
    public void stderr(byte[] data, int offset, int length) {
        synchronized (err) {
            err.feed(data, offset, length);
        }
    }

    /** The environment's streams ended; a waiting command fails with {@link EnvironmentLostException}. */
    public void ended(String why, @Nullable Throwable cause) {
        synchronized (out) {
            out.finish();
        }
        synchronized (err) {
            err.finish();
        }
        synchronized (lock) {
            lost = cause == null ? new IllegalStateException(why) : cause;
            if (pending != null) {
                pending.done.completeExceptionally(new EnvironmentLostException(why, cause));
            }
        }
    }

    /** Installs the wrapper; call once, before the first command. */
    public void start(Duration timeout) throws TimeoutException {
        send("w", "sh", true, ShellMode.WRITE, ShellScripts.wrapper(stateDir), (l, e) -> {}, timeout);
    }

    /**
     * Runs one command and waits for it.
     *
     * @param shell the shell that runs it ({@code sh} or {@code bash})
     * @param succeeding the value of {@code CODEBUILD_BUILD_SUCCEEDING} it sees
     * @param mode how it sees the build's state
     * @param text the command's shell text
     * @param commandSink where its output goes
     * @param timeout how long to wait before giving up
     * @return its exit status
     * @throws TimeoutException if it is still running after {@code timeout} (it is not stopped)
     * @throws EnvironmentLostException if the environment ended first
     */
    public CommandResult run(
            String shell, boolean succeeding, ShellMode mode, String text, OutputSink commandSink, Duration timeout)
            throws TimeoutException {
        return send(String.valueOf(nextId++), shell, succeeding, mode, text, commandSink, timeout);
    }

    /** The path of the file the driver wrote for the last command, for an exec that runs it as another user. */
    public String lastCommandFile() {
        return stateDir + "/c" + (nextId - 1);
    }

    /** The wrapper's path inside the environment. */
    public String wrapperFile() {
        return stateDir + "/cw";
    }

    private CommandResult send(
            String id,
            String shell,
            boolean succeeding,
            ShellMode mode,
            String text,
            OutputSink commandSink,
            Duration timeout)
            throws TimeoutException {
        Pending p = new Pending(id);
        synchronized (lock) {
            if (lost != null) {
                throw new EnvironmentLostException("the build environment has ended", lost);
            }
            pending = p;
            sink = commandSink;
        }
        StringBuilder request = new StringBuilder();
        request.append("R ")
                .append(id)
                .append(' ')
                .append(shell)
                .append(' ')
                .append(succeeding ? '1' : '0')
                .append(' ')
                .append(mode.wire())
                .append('\n');
        request.append(text);
        if (!text.endsWith("\n")) {
            request.append('\n');
        }
        request.append("E ").append(nonce).append('\n');
        try {
            synchronized (stdin) {
                stdin.write(request.toString().getBytes(StandardCharsets.UTF_8));
                stdin.flush();
            }
        } catch (IOException e) {
            throw new EnvironmentLostException("cannot send a command to the build environment: " + e.getMessage(), e);
        }
        try {
            return p.done.get(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof EnvironmentLostException lostException) {
                throw lostException;
            }
            throw new EnvironmentLostException("the build environment failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentLostException("interrupted while waiting for a command", e);
        }
    }

    /** Whether the environment's streams are still open. */
    public boolean isAlive() {
        synchronized (lock) {
            return lost == null;
        }
    }

    /** Asks the driver to exit; returns whether the request was sent. */
    public boolean close() {
        try {
            synchronized (stdin) {
                stdin.write("X\n".getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void line(String text, boolean stderr) {
        OutputSink target;
        synchronized (lock) {
            target = sink;
        }
        target.line(text, stderr);
    }

    private void marker(String id, String value, boolean stderr) {
        synchronized (lock) {
            if (pending == null || !pending.id.equals(id)) {
                return;
            }
            if (stderr) {
                pending.stderrMarker = value;
            } else {
                pending.stdoutMarker = value;
            }
            if (pending.stdoutMarker != null && pending.stderrMarker != null) {
                String[] parts = pending.stdoutMarker.split(":", -1);
                int exit = parseInt(parts[0]);
                boolean oom = parts.length > 1 && "1".equals(parts[1]);
                pending.done.complete(new CommandResult(exit, oom));
            }
        }
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return 255;
        }
    }
}
