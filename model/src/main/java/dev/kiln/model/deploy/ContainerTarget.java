package dev.kiln.model.deploy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where and how a container environment is deployed to. The environment variables may hold secrets: never log or
 * print their values.
 *
 * @param engine the container engine's address ({@code unix:///run/podman/podman.sock}, {@code tcp://host:2375})
 * @param container which entry of {@code imagedefinitions.json} this environment runs, or empty for the only one
 * @param ports the ports to publish
 * @param env environment variables for the container
 * @param volumes volumes and bind mounts, {@code SOURCE:TARGET[:ro]}
 * @param network the network to join, or empty for the engine's default
 * @param labels labels of the user's own, added to Kiln's
 * @param healthUrl a URL that must answer 2xx, as the container serves it (its port is the container's), or empty
 * @param healthTimeoutSeconds how long the container may take to become healthy
 */
public record ContainerTarget(
        String engine,
        String container,
        List<PortMapping> ports,
        Map<String, String> env,
        List<String> volumes,
        String network,
        Map<String, String> labels,
        String healthUrl,
        int healthTimeoutSeconds) {

    public ContainerTarget {
        container = container == null ? "" : container;
        ports = ports == null ? List.of() : List.copyOf(ports);
        env = env == null ? Map.of() : Map.copyOf(env);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        network = network == null ? "" : network;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        healthUrl = healthUrl == null ? "" : healthUrl;
    }

    /** Whether a fixed host port forbids the old and the new container to run at once. */
    public boolean fixedPorts() {
        return ports.stream().anyMatch(PortMapping::fixed);
    }

    @Override
    public String toString() {
        return "ContainerTarget[" + engine + " ports " + ports + " env " + new TreeMap<>(env).keySet() + "]";
    }
}
