package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.Frame;
import dev.kiln.agent.backend.Availability;
import dev.kiln.agent.backend.BuildEnvironment;
import dev.kiln.agent.backend.DerivedImage;
import dev.kiln.agent.backend.EnvironmentSpec;
import dev.kiln.agent.backend.ExecutionBackend;
import dev.kiln.agent.shell.OutputSink;
import dev.kiln.agent.shell.ShellScripts;
import dev.kiln.agent.shell.ShellSession;
import dev.kiln.kit.Failures;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.engine.EngineUnavailableException;
import dev.kiln.kit.engine.Labels;
import dev.kiln.kit.engine.RegistryCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs each build in one fresh container through the Docker Engine API, against Docker or Podman alike. The
 * container's main process is the shell driver; its stdin, stdout and stderr are attached over the API. Thread-safe.
 */
public final class DockerBackend implements ExecutionBackend {
    private static final Logger LOG = LoggerFactory.getLogger(DockerBackend.class);
    private final Map<String, String> env;
    private final DefaultImage defaultImage;
    private final long memoryCapBytes;
    private final RegistryCredentials credentials;

    /**
     * The variable naming the cgroup every build container of this agent runs under, as {@code /kiln-agent-1} (a
     * cgroupfs path) or {@code kiln-agent-1.slice} (systemd): an operator caps the agent's builds together there.
     */
    public static final String CGROUP_PARENT = "KILN_BUILD_CGROUP_PARENT";

    private volatile @Nullable DockerEngine engine;
    private volatile @Nullable String unavailable;

    /**
     * A backend that finds its engine from {@code env} ({@code DOCKER_HOST}, {@code XDG_RUNTIME_DIR}, {@code HOME})
     * on first use.
     */
    public DockerBackend(Map<String, String> env, DefaultImage defaultImage) {
        this(env, defaultImage, 0, null, RegistryCredentials.none());
    }

    private DockerBackend(
            Map<String, String> env,
            DefaultImage defaultImage,
            long memoryCapBytes,
            @Nullable DockerEngine engine,
            RegistryCredentials credentials) {
        this.env = Map.copyOf(env);
        this.defaultImage = defaultImage;
        this.memoryCapBytes = memoryCapBytes;
        this.engine = engine;
        this.credentials = credentials;
    }

    /** A backend on the same engine that pulls build images with these logins. */
    public DockerBackend withPullCredentials(RegistryCredentials logins) {
        return new DockerBackend(env, defaultImage, memoryCapBytes, engine, logins);
    }

    /**
     * A backend on the same engine whose containers get at most {@code bytes} of memory whatever their compute type
     * (for agents that share a host, and for tests).
     */
    public DockerBackend withMemoryCap(long bytes) {
        return new DockerBackend(env, defaultImage, bytes, engine(), credentials);
    }

    @Override
    public String name() {
        return "docker";
    }

    @Override
    public boolean isolated() {
        return true;
    }

    @Override
    public synchronized Availability probe() {
        if (engine != null) {
            return Availability.yes(engine.toString());
        }
        if (unavailable != null) {
            return Availability.no(unavailable);
        }
        try {
            engine = DockerEngine.discover(env);
            LOG.debug("engine: {}", engine);
            DockerClient client = engine.client();
            Thread reaper = new Thread(
                    () -> {
                        try {
                            OrphanReaper.reap(client);
                        } catch (RuntimeException e) {
                            LOG.warn("could not look for orphan build containers: {}", e.getMessage());
                        }
                    },
                    "kiln-orphan-reaper");
            reaper.setDaemon(true);
            reaper.start();
            return Availability.yes(engine.toString());
        } catch (EngineUnavailableException e) {
            unavailable = Failures.message(e);
            return Availability.no(unavailable);
        }
    }

    /** The engine, discovering it if needed. */
    public DockerEngine engine() {
        Availability availability = probe();
        DockerEngine ready = engine;
        if (!availability.available() || ready == null) {
            throw new EngineUnavailableException(availability.description());
        }
        return ready;
    }

    /** Creates a project's layer cache volume, labelled, unless it exists. */
    /** The cgroup the agent's build containers run under, if the operator gave one. */
    private Optional<String> cgroupParent() {
        return Optional.ofNullable(env.get(CGROUP_PARENT)).map(String::strip).filter(p -> !p.isEmpty());
    }

    /**
     * Waits until the attach stream is open; Podman prepares the container (runc create) when it attaches, so the
     * engine's refusal to run it arrives here, and is said as it is.
     */
    private static void awaitAttached(ResultCallback.Adapter<Frame> attached, CompletableFuture<Throwable> failed)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!attached.awaitStarted(100, TimeUnit.MILLISECONDS)) {
            if (failed.isDone()) {
                throw new UnableToStartContainerException(
                        "the engine could not attach to the build container: " + DockerEngine.describe(failed.join()),
                        failed.join());
            }
            if (System.nanoTime() > deadline) {
                throw new UnableToStartContainerException("attaching to the build container timed out", null);
            }
        }
    }

    /**
     * The engine's address as the engine sees its own host, for the socket privileged builds mount: an agent in a
     * container reaches the engine through a mounted socket whose path on the host differs
     * ({@code KILN_HOST_ENGINE_SOCKET}, as {@code /run/podman/podman.sock}).
     */
    private String socketOnHost(String host) {
        String onHost = env.getOrDefault("KILN_HOST_ENGINE_SOCKET", "");
        return onHost.isEmpty() || !host.startsWith("unix://") ? host : "unix://" + onHost.replaceFirst("^unix://", "");
    }

    private static void layerVolume(DockerClient client, String project) {
        String name = ContainerSpecs.layerVolume(project);
        try {
            client.inspectVolumeCmd(name).exec();
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            client.createVolumeCmd()
                    .withName(name)
                    .withLabels(Map.of(Labels.KILN, "true", Labels.ROLE, "docker-layer-cache", "kiln.project", project))
                    .exec();
        }
    }

    @Override
    public boolean offersRuntimes(String image) {
        return image.equals(defaultImage.reference());
    }

    @Override
    public Optional<DerivedImage> derive(
            String base, List<String> packages, List<String> certificates, ProgressListener progress) {
        DockerClient client = engine().client();
        return Optional.of(new DerivedImages(client, new BuildImages(client, defaultImage, credentials))
                .ensure(base, packages, certificates, progress));
    }

    @Override
    public BuildEnvironment provision(EnvironmentSpec spec, ProgressListener progress) {
        DockerEngine docker = engine();
        DockerClient client = docker.client();
        new BuildImages(client, defaultImage, credentials).ensure(spec.image(), progress);
        spec.dockerLayerCache().ifPresent(project -> layerVolume(client, project));
        LOG.debug("image ready: {}", spec.image());
        String nonce = ShellSession.newNonce();
        List<String> command = new ArrayList<>();
        command.add("-c");
        command.add(ShellScripts.driver());
        command.addAll(List.of(ShellSession.driverArguments(ContainerSpecs.STATE_DIR, nonce, true)));
        CreateContainerResponse created;
        try {
            created = client.createContainerCmd(spec.image())
                    .withName(ContainerSpecs.containerName(spec.buildId()))
                    .withLabels(Labels.forBuild(spec.buildId()))
                    .withEntrypoint("/bin/sh")
                    .withCmd(command)
                    .withEnv(ContainerSpecs.env(spec, docker.host()))
                    .withWorkingDir(ContainerSpecs.STATE_DIR)
                    .withUser("0:0")
                    .withStdinOpen(true)
                    .withStdInOnce(false)
                    .withAttachStdin(true)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .withTty(false)
                    .withHostConfig(ContainerSpecs.hostConfig(
                                    spec,
                                    memoryCapBytes > 0
                                            ? Math.min(memoryCapBytes, docker.memoryBytes())
                                            : docker.memoryBytes(),
                                    docker.cpus(),
                                    socketOnHost(docker.host()))
                            .withCgroupParent(cgroupParent().orElse(null))
                            // cgroup v1 refuses a container's CPU quota above its parent's: the parent's holds
                            .withNanoCPUs(
                                    cgroupParent().isPresent()
                                            ? null
                                            : spec.computeType().vcpusOn(docker.cpus()) * 1_000_000_000L))
                    .exec();
        } catch (RuntimeException e) {
            throw new UnableToStartContainerException(
                    "the engine refused to create the build container: " + DockerEngine.describe(e), e);
        }
        LOG.debug("container created: {}", created.getId());
        DockerEnvironment environment = null;
        try {
            Pipe pipe = Pipe.open();
            OutputStream stdin = Channels.newOutputStream(pipe.sink());
            InputStream stdinReader = Channels.newInputStream(pipe.source());
            environment = new DockerEnvironment(docker, created.getId(), spec, stdin, nonce);
            DockerEnvironment target = environment;
            CompletableFuture<Throwable> attachFailed = new CompletableFuture<>();
            ResultCallback.Adapter<Frame> attached = client.attachContainerCmd(created.getId())
                    .withStdIn(stdinReader)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withFollowStream(true)
                    .exec(new ResultCallback.Adapter<>() {
                        @Override
                        public void onNext(Frame frame) {
                            target.frame(frame);
                        }

                        @Override
                        public void onError(Throwable throwable) {
                            attachFailed.complete(throwable);
                            target.streamEnded(throwable);
                        }

                        @Override
                        public void onComplete() {
                            target.streamEnded(null);
                        }
                    });
            awaitAttached(attached, attachFailed);
            environment.attached(attached);
            LOG.debug("attached");
            client.startContainerCmd(created.getId()).exec();
            LOG.debug("started");
            environment.session().start(Duration.ofSeconds(60));
            LOG.debug("driver ready");
            return environment;
        } catch (IOException | TimeoutException | RuntimeException e) {
            String logs = environment == null ? "" : environment.diagnostics();
            if (environment != null) {
                environment.close();
            } else {
                removeQuietly(client, created.getId());
            }
            if (e instanceof UnableToStartContainerException u) {
                throw u;
            }
            throw new UnableToStartContainerException(
                    "the build container did not start: " + DockerEngine.describe(e) + logs, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            removeQuietly(client, created.getId());
            throw new UnableToStartContainerException("interrupted while starting the build container", e);
        }
    }

    static void removeQuietly(DockerClient client, String id) {
        try {
            EngineRace.retrying(() -> client.removeContainerCmd(id)
                    .withForce(true)
                    .withRemoveVolumes(true)
                    .exec());
        } catch (RuntimeException e) {
            // already gone
        }
    }

    static OutputSink discard() {
        return (line, stderr) -> {};
    }

    @Override
    public void close() {
        DockerEngine current = engine;
        if (current != null) {
            try {
                current.client().close();
            } catch (IOException e) {
                // closing a client: nothing to do
            }
        }
    }
}
