package dev.kiln.kit.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A container engine that answered, with what it said about itself.
 *
 * @param client the client, connected
 * @param host where it was found ({@code unix:///run/podman/podman.sock})
 * @param product {@code Docker Engine} or {@code Podman Engine}, with the version
 * @param memoryBytes the engine host's memory
 * @param cpus the engine host's CPUs
 */
public record DockerEngine(DockerClient client, String host, String product, long memoryBytes, int cpus) {

    /** Whether the engine is Podman (some API answers differ). */
    public boolean isPodman() {
        return product.startsWith("Podman");
    }

    /**
     * Finds an engine: {@code DOCKER_HOST} when set (and then only it), else the usual Docker and Podman sockets in
     * order. Each candidate is pinged; when none answers the exception lists every candidate and why it failed.
     */
    public static DockerEngine discover(Map<String, String> env) {
        List<String> failures = new ArrayList<>();
        for (String candidate : candidates(env)) {
            String why = unreachableReason(candidate);
            if (why != null) {
                failures.add(candidate + ": " + why);
                continue;
            }
            try {
                return connect(candidate);
            } catch (RuntimeException e) {
                failures.add(candidate + ": " + describe(e));
            }
        }
        throw new EngineUnavailableException("no container engine answered. Tried:\n  - "
                + String.join("\n  - ", failures)
                + "\nStart Docker, or Podman's API service (bin/setup-engine installs and starts it on Debian),"
                + " set DOCKER_HOST, or run with --backend process (not isolated).");
    }

    /**
     * Connects to the engine at one address ({@code unix://...} or {@code tcp://...}); fails saying why it did not
     * answer.
     */
    public static DockerEngine at(String host) {
        String why = unreachableReason(host);
        if (why != null) {
            throw new EngineUnavailableException("the container engine at " + host + " is unreachable: " + why);
        }
        try {
            return connect(host);
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("the container engine at " + host + " did not answer: " + describe(e));
        }
    }

    static Set<String> candidates(Map<String, String> env) {
        Set<String> out = new LinkedHashSet<>();
        String dockerHost = env.get("DOCKER_HOST");
        if (dockerHost != null && !dockerHost.isBlank()) {
            // an explicit choice: do not silently use another engine
            out.add(dockerHost.trim());
            return out;
        }
        out.add("unix:///var/run/docker.sock");
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            out.add("unix://" + runtime + "/podman/podman.sock");
            out.add("unix://" + runtime + "/docker.sock");
        }
        out.add("unix:///run/podman/podman.sock");
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            out.add("unix://" + home + "/.docker/run/docker.sock");
        }
        return out;
    }

    private static @Nullable String unreachableReason(String candidate) {
        if (candidate.startsWith("unix://")) {
            Path socket = Path.of(candidate.substring("unix://".length()));
            if (!Files.exists(socket)) {
                return "no such socket";
            }
            if (!Files.isReadable(socket) || !Files.isWritable(socket)) {
                return "permission denied (add your user to the docker group, or use a rootless engine's socket)";
            }
        } else if (!candidate.startsWith("tcp://")) {
            return "unsupported address (use unix:// or tcp://)";
        }
        return null;
    }

    private static DockerEngine connect(String host) {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
                .withDockerHost(host)
                .build();
        ZerodepDockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(URI.create(host))
                .sslConfig(config.getSSLConfig())
                .connectionTimeout(Duration.ofSeconds(5))
                .maxConnections(32)
                .build();
        String product = ping(http);
        DockerClient client = DockerClientImpl.getInstance(config, http);
        if (host.startsWith("unix://")) {
            // A unix socket is on this host: read its size here. (The engine's info call costs 200+ ms on Podman.)
            return new DockerEngine(
                    client,
                    host,
                    product,
                    localMemoryBytes(),
                    Runtime.getRuntime().availableProcessors());
        }
        Info info = client.infoCmd().exec();
        long memory = info.getMemTotal() == null ? 0 : info.getMemTotal();
        int cpus = info.getNCPU() == null ? 0 : info.getNCPU();
        return new DockerEngine(client, host, product, memory, cpus);
    }

    /** Pings the engine; returns its name and version from the Server header (Docker/x or Libpod/x). */
    private static String ping(DockerHttpClient http) {
        DockerHttpClient.Request request = DockerHttpClient.Request.builder()
                .method(DockerHttpClient.Request.Method.GET)
                .path("/_ping")
                .build();
        try (DockerHttpClient.Response response = http.execute(request)) {
            if (response.getStatusCode() != 200) {
                throw new IllegalStateException("the engine answered /_ping with HTTP " + response.getStatusCode());
            }
            String server = response.getHeaders().entrySet().stream()
                    .filter(e -> e.getKey() != null && e.getKey().equalsIgnoreCase("Server"))
                    .flatMap(e -> e.getValue().stream())
                    .findFirst()
                    .orElse("");
            if (server.startsWith("Libpod/")) {
                return "Podman Engine " + server.substring("Libpod/".length()).replaceAll("\\s.*", "");
            }
            if (server.startsWith("Docker/")) {
                return "Docker Engine " + server.substring("Docker/".length()).replaceAll("\\s.*", "");
            }
            return server.isEmpty() ? "Docker-compatible engine" : server;
        }
    }

    private static long localMemoryBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            // unknown: no cap from the host's size
        }
        return 0;
    }

    /** The innermost cause's message, on one line. */
    public static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    @Override
    public String toString() {
        return product + " at " + host;
    }
}
