package dev.kiln.deploy.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Ports;
import dev.kiln.deploy.DeployLog;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Waits for a new container to be healthy: its health URL answering 2xx, else its image's HEALTHCHECK passing (run
 * by Kiln through the engine's exec, since Podman without systemd runs none), else running for a few seconds.
 * Unhealthy when the container exits, the engine finds it unhealthy, or the timeout passes.
 */
final class ContainerHealth {
    /** How long a container with no health check must keep running. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final DockerClient client;
    private final String engineHost;
    private final BooleanSupplier stopRequested;

    /**
     * @param engineHost the address of the engine's host as seen from here, where published ports are reached
     */
    ContainerHealth(DockerClient client, String engineHost, BooleanSupplier stopRequested) {
        this.client = client;
        this.engineHost = engineHost;
        this.stopRequested = stopRequested;
    }

    /**
     * Waits; returns empty when healthy, else why not.
     *
     * @param healthUrl the URL as the container serves it, or empty
     */
    Optional<String> await(String id, String healthUrl, Duration timeout, DeployLog log) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String url = healthUrl.isEmpty() ? "" : reachable(id, healthUrl, log);
        List<String> check = url.isEmpty() ? healthcheck(id) : List.of();
        if (!url.isEmpty()) {
            log.line("health check: " + url + " must answer 2xx within " + timeout.toSeconds() + " s");
        } else if (!check.isEmpty()) {
            log.line("health check: the image's HEALTHCHECK (" + String.join(" ", check) + ") must pass within "
                    + timeout.toSeconds() + " s");
        } else {
            log.line("no health check (no health URL, no HEALTHCHECK in the image): healthy when it keeps running "
                    + SETTLE.toSeconds() + " s");
            deadline = System.nanoTime() + SETTLE.toNanos();
        }
        String last = "no answer yet";
        while (true) {
            if (stopRequested.getAsBoolean()) {
                return Optional.of("stopped while waiting for the container to be healthy");
            }
            InspectContainerResponse state = client.inspectContainerCmd(id).exec();
            if (!Boolean.TRUE.equals(state.getState().getRunning())) {
                return Optional.of(
                        "the container exited (code " + state.getState().getExitCodeLong() + ")");
            }
            var engineHealth = state.getState().getHealth();
            String engineStatus = engineHealth == null ? "" : String.valueOf(engineHealth.getStatus());
            if (engineStatus.equals("unhealthy")) {
                return Optional.of("the engine found the container unhealthy");
            }
            if (url.isEmpty() && check.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    return Optional.empty();
                }
            } else {
                if (engineStatus.equals("healthy")) {
                    return Optional.empty();
                }
                Optional<String> failure = url.isEmpty() ? exec(id, check) : get(url);
                if (failure.isEmpty()) {
                    log.line("healthy");
                    return Optional.empty();
                }
                last = failure.get();
                if (System.nanoTime() > deadline) {
                    return Optional.of("not healthy within " + timeout.toSeconds() + " s; last check: " + last);
                }
            }
            Thread.sleep(500);
        }
    }

    /**
     * The health URL rewritten to where this process reaches the new container: the host port the engine published
     * for the URL's port, else the container's own address.
     */
    String reachable(String id, String healthUrl, DeployLog log) {
        URI uri = URI.create(healthUrl);
        int port = uri.getPort() > 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
        InspectContainerResponse state = client.inspectContainerCmd(id).exec();
        var settings = state.getNetworkSettings();
        String host = null;
        int reached = port;
        if (settings != null && settings.getPorts() != null) {
            Ports.Binding[] bound = settings.getPorts().getBindings().get(ExposedPort.tcp(port));
            if (bound != null && bound.length > 0 && bound[0].getHostPortSpec() != null) {
                String ip = bound[0].getHostIp();
                host = ip == null || ip.isEmpty() || ip.equals("0.0.0.0") || ip.equals("::") ? engineHost : ip;
                reached = Integer.parseInt(bound[0].getHostPortSpec());
            }
        }
        if (host == null && settings != null && settings.getNetworks() != null) {
            host = settings.getNetworks().values().stream()
                    .map(ContainerNetwork::getIpAddress)
                    .filter(ip -> ip != null && !ip.isEmpty())
                    .findFirst()
                    .orElse(null);
        }
        if (host == null) {
            log.line("health URL " + healthUrl + ": port " + port + " is not published and the container has no"
                    + " address; asking " + engineHost);
            host = engineHost;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String target =
                uri.getScheme() + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + reached + path + query;
        if (!target.equals(healthUrl)) {
            log.line("health URL " + healthUrl + " is asked at " + target + " (where the new container's port " + port
                    + " is reached)");
        }
        return target;
    }

    private static Optional<String> get(String url) throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2
                    ? Optional.empty()
                    : Optional.of(url + " answered HTTP " + response.statusCode());
        } catch (IOException e) {
            return Optional.of(
                    url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** The image's HEALTHCHECK as a command to exec, or empty when it has none. */
    private List<String> healthcheck(String id) {
        InspectContainerResponse state = client.inspectContainerCmd(id).exec();
        HealthCheck check = state.getConfig() == null ? null : state.getConfig().getHealthcheck();
        if (check == null || check.getTest() == null || check.getTest().isEmpty()) {
            var image = client.inspectImageCmd(state.getImageId()).exec();
            check = image.getConfig() == null ? null : image.getConfig().getHealthcheck();
        }
        if (check == null || check.getTest() == null || check.getTest().isEmpty()) {
            return List.of();
        }
        List<String> test = check.getTest();
        return switch (test.get(0)) {
            case "CMD" -> test.subList(1, test.size());
            case "CMD-SHELL" -> List.of("/bin/sh", "-c", String.join(" ", test.subList(1, test.size())));
            case "NONE" -> List.of();
            // Podman keeps a CMD-SHELL test as its words
            default -> List.of("/bin/sh", "-c", String.join(" ", test));
        };
    }

    private Optional<String> exec(String id, List<String> command) throws InterruptedException {
        String exec = client.execCreateCmd(id)
                .withCmd(command.toArray(String[]::new))
                .withAttachStdout(true)
                .withAttachStderr(true)
                .exec()
                .getId();
        StringBuilder output = new StringBuilder();
        boolean done = client.execStartCmd(exec)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        if (output.length() < 2000) {
                            output.append(new String(frame.getPayload(), java.nio.charset.StandardCharsets.UTF_8));
                        }
                    }
                })
                .awaitCompletion(30, TimeUnit.SECONDS);
        if (!done) {
            return Optional.of("the HEALTHCHECK command took over 30 s");
        }
        Long code = client.inspectExecCmd(exec).exec().getExitCodeLong();
        if (code != null && code == 0) {
            return Optional.empty();
        }
        String said = output.toString().strip().replaceAll("\\s+", " ");
        return Optional.of("HEALTHCHECK exited " + code + (said.isEmpty() ? "" : ": " + said));
    }
}
