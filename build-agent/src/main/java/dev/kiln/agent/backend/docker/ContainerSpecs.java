package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Ulimit;
import com.github.dockerjava.api.model.Volume;
import dev.kiln.agent.backend.EnvironmentSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pure mappings from a build's needs to container settings; no engine calls. */
final class ContainerSpecs {
    /** Where the driver keeps its state inside the container. */
    static final String STATE_DIR = "/codebuild/kiln";

    /** Where a privileged build finds the agent's engine socket ({@code DOCKER_HOST} points there). */
    static final String ENGINE_SOCKET = "/run/kiln/docker.sock";

    /**
     * Open files and processes per container. Some kernels refuse the engine's higher defaults to engines without
     * CAP_SYS_RESOURCE (rootless or nested engines); these values work everywhere and suit builds.
     */
    static final long NOFILE = 8192;

    static final long NPROC = 8192;

    /** Processes and threads a build container may hold at once: a fork bomb in a build stops there. */
    static final long PIDS = 4096;

    private ContainerSpecs() {}

    static List<String> env(EnvironmentSpec spec, String engineHost) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> e : spec.environment().entrySet()) {
            out.add(e.getKey() + "=" + e.getValue());
        }
        if (spec.privileged()) {
            // privileged mode: docker commands reach the agent's engine (its socket, mounted), where the images they
            // build stay, pushed from, and cached between builds
            out.add("DOCKER_HOST=" + (engineHost.startsWith("unix://") ? "unix://" + ENGINE_SOCKET : engineHost));
        }
        return out;
    }

    static HostConfig hostConfig(EnvironmentSpec spec, long hostMemoryBytes, int hostCpus, String engineHost) {
        long memory = spec.computeType().memoryBytesOn(hostMemoryBytes);
        int cpus = spec.computeType().vcpusOn(hostCpus);
        HostConfig config = HostConfig.newHostConfig();
        List<Bind> binds = new ArrayList<>();
        spec.dockerLayerCache()
                .ifPresent(project -> binds.add(new Bind(layerVolume(project), new Volume("/var/lib/docker"))));
        if (spec.privileged() && engineHost.startsWith("unix://")) {
            binds.add(new Bind(engineHost.substring("unix://".length()), new Volume(ENGINE_SOCKET)));
        }
        if (!binds.isEmpty()) {
            config.withBinds(binds);
        }
        return config.withMemory(memory)
                .withMemorySwap(memory)
                .withNanoCPUs(cpus * 1_000_000_000L)
                .withPrivileged(spec.privileged())
                .withUlimits(List.of(new Ulimit("nofile", NOFILE, NOFILE), new Ulimit("nproc", NPROC, NPROC)))
                .withPidsLimit(PIDS)
                .withInit(false)
                // the engine removes the container once the driver exits or is killed, as `run --rm` does
                .withAutoRemove(true);
    }

    /** The volume that keeps a project's {@code /var/lib/docker} (LOCAL_DOCKER_LAYER_CACHE). */
    static String layerVolume(String project) {
        return "kiln-docker-layers-" + project.replaceAll("[^A-Za-z0-9_.-]", "-");
    }

    /**
     * A container's name: the build id and a random part, since a build may move to another image (runtime-versions)
     * while the engine is still removing its first container.
     */
    static String containerName(String buildId) {
        return "kiln-build-" + buildId.replaceAll("[^A-Za-z0-9_.-]", "-") + "-"
                + Integer.toHexString(0x10000
                                | java.util.concurrent.ThreadLocalRandom.current()
                                        .nextInt(0x10000))
                        .substring(1);
    }
}
