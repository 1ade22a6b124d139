package dev.kiln.model.api;

import java.util.List;
import java.util.Map;

/**
 * A container environment's settings, as kept and shown. The environment variables' values are sealed apart: only
 * their names are here.
 *
 * @param engine the container engine's address ({@code unix://...} or {@code tcp://...})
 * @param container which entry of {@code imagedefinitions.json} it runs, or empty for the only one
 * @param ports published ports, as {@code docker run -p} takes them
 * @param envNames the names of its environment variables
 * @param volumes volumes and bind mounts, {@code SOURCE:TARGET[:ro]}
 * @param network the network its containers join, or empty
 * @param labels labels of the user's own
 */
public record ContainerSettings(
        String engine,
        String container,
        List<String> ports,
        List<String> envNames,
        List<String> volumes,
        String network,
        Map<String, String> labels) {

    public ContainerSettings {
        container = container == null ? "" : container;
        ports = ports == null ? List.of() : List.copyOf(ports);
        envNames = envNames == null ? List.of() : List.copyOf(envNames);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
        network = network == null ? "" : network;
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }
}
