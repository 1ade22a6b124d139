package dev.kiln.deploy.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.InternetProtocol;
import com.github.dockerjava.api.model.Ports;
import com.github.dockerjava.api.model.RestartPolicy;
import com.github.dockerjava.api.model.Ulimit;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.EngineRace;
import dev.kiln.kit.engine.Labels;
import dev.kiln.model.deploy.ContainerTarget;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.PortMapping;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The containers of one environment on its engine: found by their labels, made from the environment's settings,
 * stopped, started again and removed.
 */
final class DeployedContainers {
    /** The role label's value on containers a deployment started. */
    static final String ROLE = "deployment";

    static final String ENVIRONMENT = "kiln.environment";
    static final String CONTAINER = "kiln.container";
    static final String DEPLOYMENT = "kiln.deployment-id";

    /** Seconds a container has to stop before it is killed, as {@code docker stop} gives it. */
    static final int STOP_SECONDS = 10;

    private final DockerEngine engine;
    private final DockerClient client;
    private final DeploymentSpec spec;
    private final ContainerTarget target;
    private final String name;

    DeployedContainers(DockerEngine engine, DeploymentSpec spec, String name) {
        this.engine = engine;
        this.client = engine.client();
        this.spec = spec;
        this.target = spec.containerTarget();
        this.name = name;
    }

    /** The name the new container gets: environment, container and deployment, so each deployment has its own. */
    String newName() {
        return ("kiln-" + spec.environment() + "-" + name + "-" + spec.deploymentId())
                .replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    /** This environment's containers of this name, but for {@code except}, oldest first. */
    List<Container> others(String except) {
        return EngineRace.retrying(() -> client.listContainersCmd()
                        .withShowAll(true)
                        .withLabelFilter(Map.of(
                                Labels.KILN,
                                "true",
                                Labels.ROLE,
                                ROLE,
                                ENVIRONMENT,
                                spec.environmentId(),
                                CONTAINER,
                                name))
                        .exec())
                .stream()
                .filter(c -> !List.of(c.getNames() == null ? new String[0] : c.getNames())
                        .contains("/" + except))
                .sorted(Comparator.comparing(c -> c.getCreated() == null ? 0L : c.getCreated()))
                .toList();
    }

    /** Creates the new container (removing a leftover of the same deployment first); returns its id. */
    String create(String image) {
        String containerName = newName();
        remove(containerName);
        Map<String, String> labels = new LinkedHashMap<>(target.labels());
        labels.put(Labels.KILN, "true");
        labels.put(Labels.ROLE, ROLE);
        labels.put(ENVIRONMENT, spec.environmentId());
        labels.put("kiln.environment-name", spec.environment());
        labels.put(CONTAINER, name);
        labels.put(DEPLOYMENT, spec.deploymentId());
        labels.put("kiln.commit", spec.commit());
        List<String> env = new ArrayList<>();
        target.env().forEach((k, v) -> env.add(k + "=" + v));
        Ports bindings = new Ports();
        List<ExposedPort> exposed = new ArrayList<>();
        for (PortMapping p : target.ports()) {
            ExposedPort port = new ExposedPort(p.containerPort(), InternetProtocol.parse(p.protocol()));
            exposed.add(port);
            String hostPort = p.hostPort() == 0 ? null : Integer.toString(p.hostPort());
            bindings.bind(port, new Ports.Binding(p.hostIp().isEmpty() ? null : p.hostIp(), hostPort));
        }
        HostConfig host = HostConfig.newHostConfig()
                .withPortBindings(bindings)
                .withBinds(target.volumes().stream().map(Bind::parse).toList())
                .withRestartPolicy(RestartPolicy.unlessStoppedRestart());
        if (engine.isPodman()) {
            // Podman hands containers its own (high) limits, which a nested or rootless Podman may not grant: ask
            // for what every kernel allows, as build containers do. Docker keeps its defaults.
            host.withUlimits(List.of(new Ulimit("nofile", 8192L, 8192L), new Ulimit("nproc", 8192L, 8192L)));
        }
        if (!target.network().isEmpty()) {
            host.withNetworkMode(target.network());
        }
        CreateContainerCmd create = client.createContainerCmd(image)
                .withName(containerName)
                .withEnv(env)
                .withLabels(labels)
                .withExposedPorts(exposed)
                .withHostConfig(host);
        if (!target.network().isEmpty()) {
            // the stable name other containers on the network reach the service by
            create = create.withAliases(name);
        }
        return create.exec().getId();
    }

    void start(String id) {
        client.startContainerCmd(id).exec();
    }

    /** Stops a container, killing it after {@link #STOP_SECONDS}; a stopped or missing one is left as it is. */
    void stop(String id) {
        try {
            client.stopContainerCmd(id).withTimeout(STOP_SECONDS).exec();
        } catch (NotModifiedException | NotFoundException e) {
            // already stopped, or gone
        }
    }

    /** Removes a container by id or name, running or not; a missing one is fine. */
    void remove(String idOrName) {
        try {
            EngineRace.retrying(() -> client.removeContainerCmd(idOrName)
                    .withForce(true)
                    .withRemoveVolumes(false)
                    .exec());
        } catch (NotFoundException e) {
            // gone already
        }
    }

    /** The container's last lines of output, for the log of a failure. */
    List<String> lastLines(String id, int count) {
        List<String> out = new ArrayList<>();
        try {
            client.logContainerCmd(id)
                    .withStdOut(true)
                    .withStdErr(true)
                    .withTail(count)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            for (String line : new String(frame.getPayload(), StandardCharsets.UTF_8)
                                    .lines()
                                    .toList()) {
                                if (!line.isBlank()) {
                                    out.add(line.stripTrailing());
                                }
                            }
                        }
                    })
                    .awaitCompletion(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            out.add("(its output cannot be read: " + DockerEngine.describe(e) + ")");
        }
        return out.size() > count ? out.subList(out.size() - count, out.size()) : out;
    }

    /** A container's name without the engine's leading slash. */
    static String nameOf(Container c) {
        return c.getNames() == null || c.getNames().length == 0
                ? c.getId().substring(0, 12)
                : c.getNames()[0].replaceFirst("^/", "");
    }
}
