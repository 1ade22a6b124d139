package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.backend.EnvironmentSpec;
import dev.kiln.agent.shell.CommandResult;
import dev.kiln.agent.shell.OutputSink;
import dev.kiln.agent.shell.ShellMode;
import dev.kiln.agent.shell.ShellSession;
import dev.kiln.kit.engine.DockerEngine;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** One build's container: its shell session, source copy, artifact reads, and removal. */
final class DockerEnvironment implements BuildEnvironment {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DockerEnvironment.class);
    private final DockerEngine engine;
    private final DockerClient client;
    private final String containerId;
    private final EnvironmentSpec spec;
    private final ShellSession session;
    private final List<String> earlyOutput = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean killed;
    private volatile @Nullable Closeable attachment;

    DockerEnvironment(DockerEngine engine, String containerId, EnvironmentSpec spec, OutputStream stdin, String nonce) {
        this.engine = engine;
        this.client = engine.client();
        this.containerId = containerId;
        this.spec = spec;
        this.session = new ShellSession(nonce, ContainerSpecs.STATE_DIR, stdin, this::early);
    }

    private void early(String line, boolean stderr) {
        synchronized (earlyOutput) {
            if (earlyOutput.size() < 50) {
                earlyOutput.add(line);
            }
        }
    }

    ShellSession session() {
        return session;
    }

    void attached(Closeable attachment) {
        this.attachment = attachment;
    }

    void frame(Frame frame) {
        byte[] payload = frame.getPayload();
        if (payload == null) {
            return;
        }
        if (frame.getStreamType() == StreamType.STDERR) {
            session.stderr(payload, 0, payload.length);
        } else {
            session.stdout(payload, 0, payload.length);
        }
    }

    void streamEnded(@Nullable Throwable error) {
        session.ended(killed ? "the build container was stopped" : containerEndReason(), error);
    }

    private String containerEndReason() {
        try {
            InspectContainerResponse.ContainerState state =
                    client.inspectContainerCmd(containerId).exec().getState();
            if (Boolean.TRUE.equals(state.getOOMKilled())) {
                return "the build container was killed for using more than its memory limit";
            }
            return "the build container exited unexpectedly (exit code " + state.getExitCodeLong() + ")";
        } catch (RuntimeException e) {
            return "the build container disappeared: " + DockerEngine.describe(e);
        }
    }

    String diagnostics() {
        synchronized (earlyOutput) {
            return earlyOutput.isEmpty() ? "" : "; container output: " + String.join(" | ", earlyOutput);
        }
    }

    @Override
    public String description() {
        return "container " + containerId.substring(0, Math.min(12, containerId.length())) + " from image "
                + spec.image() + " on " + engine;
    }

    @Override
    public String sourceDirectory() {
        return spec.sourceDirectory();
    }

    @Override
    public void copyInto(Path hostDirectory, String directory) {
        try (InputStream tar = SourceArchives.tarOf(hostDirectory, directory)) {
            unpackAtRoot(tar);
        } catch (IOException e) {
            throw new dev.kiln.agent.AgentException("cannot read the source directory " + hostDirectory + ": " + e, e);
        }
    }

    @Override
    public CommandResult run(
            String shell,
            Optional<String> runAs,
            boolean succeeding,
            ShellMode mode,
            String text,
            OutputSink sink,
            Duration timeout)
            throws TimeoutException {
        if (runAs.isEmpty() || runAs.get().equals("root")) {
            return session.run(shell, succeeding, mode, text, sink, timeout);
        }
        session.run(shell, succeeding, ShellMode.WRITE, text, sink, timeout);
        return new ExecAsUser(client, containerId)
                .run(
                        runAs.get(),
                        List.of(
                                shell,
                                session.wrapperFile(),
                                session.lastCommandFile(),
                                succeeding ? "1" : "0",
                                mode.wire()),
                        sink,
                        timeout);
    }

    @Override
    public InputStream readTree(String directory) {
        return client.copyArchiveFromContainerCmd(containerId, directory).exec();
    }

    @Override
    public void putTree(InputStream tar, String directory) {
        try (InputStream wrapped = SourceArchives.prefixed(tar, directory)) {
            unpackAtRoot(wrapped);
        } catch (IOException e) {
            throw new dev.kiln.agent.AgentException("cannot put files at " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Unpacks a tar whose entries carry absolute paths (without the leading slash) at the container's root. */
    private void unpackAtRoot(InputStream tar) {
        client.copyArchiveToContainerCmd(containerId)
                .withTarInputStream(tar)
                .withRemotePath("/")
                .exec();
    }

    @Override
    public void kill() {
        killed = true;
        try {
            client.killContainerCmd(containerId).exec();
        } catch (RuntimeException e) {
            // not running any more
        }
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        boolean reachable = !killed && session.isAlive();
        killed = true;
        if (reachable && session.close()) {
            // The driver exits, the container stops, and the engine removes it (AutoRemove), like CodeBuild
            // cleaning a host after reporting the build complete.
            LOG.debug("driver asked to exit; the engine removes container {}", containerId);
        } else {
            DockerBackend.removeQuietly(client, containerId);
            LOG.debug("container removed: {}", containerId);
        }
        Closeable current = attachment;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // the stream is gone with the container
            }
        }
    }
}
