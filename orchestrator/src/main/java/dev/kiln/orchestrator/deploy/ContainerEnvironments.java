package dev.kiln.orchestrator.deploy;

import dev.kiln.model.api.ContainerSettings;
import dev.kiln.model.api.NewEnvironment;
import dev.kiln.model.deploy.PortMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Checks the container settings of a new environment, naming the field of each problem. */
final class ContainerEnvironments {
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9_.-]{0,62}";
    private static final String ENV_NAME = "[A-Za-z_][A-Za-z0-9_]*";

    private ContainerEnvironments() {}

    static ContainerSettings check(NewEnvironment r) {
        String docker = r.docker();
        if (docker == null) {
            throw new InvalidEnvironmentException(
                    "field docker: expected the engine's address, unix:///PATH or" + " tcp://HOST:PORT");
        }
        String engine = docker.strip();
        if (!engine.matches("(unix|tcp)://\\S+")) {
            throw new InvalidEnvironmentException("field docker: expected the engine's address, unix:///PATH or"
                    + " tcp://HOST:PORT, found '" + engine + "'");
        }
        if (r.ssh() != null && !r.ssh().isEmpty()) {
            throw new InvalidEnvironmentException(
                    "field ssh: an environment is either SSH hosts or a container engine (docker), not both");
        }
        String container = r.container() == null ? "" : r.container().strip();
        if (!container.isEmpty() && !container.matches(NAME)) {
            throw new InvalidEnvironmentException(
                    "field container: '" + container + "' is not a container name (letters, digits, _ . -; up to 63)");
        }
        List<String> ports = new ArrayList<>();
        for (String p : r.ports() == null ? List.<String>of() : r.ports()) {
            try {
                ports.add(PortMapping.parse(p).toString());
            } catch (IllegalArgumentException e) {
                throw new InvalidEnvironmentException("field ports: " + e.getMessage());
            }
        }
        Map<String, String> env = r.env() == null ? Map.of() : new TreeMap<>(r.env());
        for (String name : env.keySet()) {
            if (!name.matches(ENV_NAME)) {
                throw new InvalidEnvironmentException(
                        "field env: '" + name + "' is not a variable name (letters, digits, _)");
            }
        }
        List<String> volumes = r.volumes() == null ? List.of() : List.copyOf(r.volumes());
        for (String v : volumes) {
            String[] parts = v.split(":", -1);
            if (parts.length < 2
                    || parts.length > 3
                    || parts[0].isBlank()
                    || !parts[1].startsWith("/")
                    || (parts.length == 3 && !parts[2].matches("ro|rw"))) {
                throw new InvalidEnvironmentException("field volumes: expected SOURCE:/TARGET[:ro], found '" + v + "'");
            }
        }
        String network = r.network() == null ? "" : r.network().strip();
        Map<String, String> labels = r.labels() == null ? Map.of() : r.labels();
        for (String key : labels.keySet()) {
            if (key.equals("kiln") || key.startsWith("kiln.")) {
                throw new InvalidEnvironmentException(
                        "field labels: '" + key + "' is Kiln's own label; pick another name");
            }
        }
        return new ContainerSettings(engine, container, ports, List.copyOf(env.keySet()), volumes, network, labels);
    }
}
