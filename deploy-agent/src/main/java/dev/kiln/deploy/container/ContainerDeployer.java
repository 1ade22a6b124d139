package dev.kiln.deploy.container;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import dev.kiln.deploy.DeployLog;
import dev.kiln.kit.Failures;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.EngineUnavailableException;
import dev.kiln.kit.engine.Images;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.deploy.ContainerTarget;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.EventReport;
import dev.kiln.model.deploy.HostReport;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * Deploys an image to a container environment: pulls it, starts the new container beside the old one, waits for it
 * to be healthy, then stops and removes the old one. When a fixed host port forbids two at once, the old one stops
 * first and is started again if the new one fails. A new container that fails is removed: the engine is left as it
 * was. Thread confined: one per deployment.
 */
public final class ContainerDeployer {
    /** The lifecycle events of a container deployment, in order. */
    static final List<String> EVENTS = List.of("PullImage", "StartContainer", "HealthCheck", "StopOldContainer");

    private final DeploymentSpec spec;
    private final List<ImageDefinition> definitions;
    private final RegistryCredentials credentials;
    private final BooleanSupplier stopRequested;
    private final List<EventReport> events = new ArrayList<>();

    /** A deployment of one of {@code definitions} as {@code spec} says; {@code stopRequested} is checked between steps. */
    public ContainerDeployer(
            DeploymentSpec spec,
            List<ImageDefinition> definitions,
            RegistryCredentials credentials,
            BooleanSupplier stopRequested) {
        this.spec = spec;
        this.definitions = List.copyOf(definitions);
        this.credentials = credentials;
        this.stopRequested = stopRequested;
    }

    /** Runs the deployment; never throws for what the engine or the container does. */
    public DeploymentReport run(DeployLog log) {
        ContainerTarget target = spec.containerTarget();
        Optional<ImageDefinition> chosen = choose(target);
        if (chosen.isEmpty()) {
            String message = target.container().isEmpty()
                    ? ImageDefinitions.FILE + " lists " + names() + ": say which one this environment runs"
                            + " (kiln environments add ... --container NAME)"
                    : ImageDefinitions.FILE + " has no container '" + target.container() + "'; it lists " + names();
            log.line(message);
            return new DeploymentReport(DeploymentStatus.FAILED, "INVALID_REVISION", message, List.of(), List.of());
        }
        ImageDefinition definition = chosen.get();
        DockerEngine engine;
        try {
            engine = DockerEngine.at(target.engine());
        } catch (EngineUnavailableException e) {
            log.line(Failures.message(e));
            return failed(definition.name(), "ENGINE_UNAVAILABLE", Failures.message(e), log);
        }
        log.line("deploying " + spec.deploymentId() + " to " + spec.environment() + ": container " + definition.name()
                + ", image " + definition.imageUri() + ", on " + engine);
        DeployedContainers containers = new DeployedContainers(engine, spec, definition.name());
        try {
            return deploy(engine, containers, definition, log);
        } catch (DockerException | IllegalStateException e) {
            String message = "the engine refused: " + DockerEngine.describe(e);
            log.line(message);
            return failed(containers.newName(), "ENGINE_ERROR", message, log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(containers.newName(), "MANUAL_STOP", "interrupted", log);
        }
    }

    private DeploymentReport deploy(
            DockerEngine engine, DeployedContainers containers, ImageDefinition definition, DeployLog log)
            throws InterruptedException {
        ContainerTarget target = spec.containerTarget();
        String name = containers.newName();
        long t = System.nanoTime();
        log.line("== PullImage");
        Optional<String> pulled = pull(engine, definition.imageUri(), log);
        if (pulled.isPresent()) {
            event("PullImage", LifecycleStatus.FAILED, "ImagePullFailed", pulled.get(), t);
            return failed(name, "IMAGE_PULL_FAILED", pulled.get(), log);
        }
        event("PullImage", LifecycleStatus.SUCCEEDED, "", "", t);
        if (stopRequested.getAsBoolean()) {
            return stopped(name, log);
        }
        t = System.nanoTime();
        log.line("== StartContainer");
        List<Container> old = containers.others(name);
        List<Container> running =
                old.stream().filter(c -> "running".equals(c.getState())).toList();
        boolean stopFirst = target.fixedPorts() && !running.isEmpty();
        if (stopFirst) {
            log.line("a fixed host port (" + target.ports() + ") cannot serve two containers: stopping the old "
                    + names(running) + " first; it comes back if the new one fails");
            running.forEach(c -> containers.stop(c.getId()));
        }
        String id;
        try {
            id = containers.create(definition.imageUri());
            containers.start(id);
        } catch (DockerException e) {
            String why = "the container did not start: " + DockerEngine.describe(e);
            event("StartContainer", LifecycleStatus.FAILED, "ContainerStartFailed", why, t);
            containers.remove(name);
            restore(containers, stopFirst ? running : List.of(), log);
            return failed(name, "HEALTH_CONSTRAINTS", why, log);
        }
        log.line("started " + name + " (" + id.substring(0, 12) + ")"
                + (target.ports().isEmpty() ? "" : ", ports " + target.ports())
                + (target.network().isEmpty() ? "" : ", network " + target.network()));
        event("StartContainer", LifecycleStatus.SUCCEEDED, "", "", t);
        t = System.nanoTime();
        log.line("== HealthCheck");
        ContainerHealth health = new ContainerHealth(engine.client(), engineHost(engine), stopRequested);
        Optional<String> unhealthy =
                health.await(id, target.healthUrl(), Duration.ofSeconds(target.healthTimeoutSeconds()), log);
        if (unhealthy.isPresent()) {
            boolean stop = stopRequested.getAsBoolean();
            event("HealthCheck", LifecycleStatus.FAILED, stop ? "" : "HealthCheckFailed", unhealthy.get(), t);
            log.line("HealthCheck FAILED: " + unhealthy.get());
            List<String> output = containers.lastLines(id, 20);
            if (!output.isEmpty()) {
                log.line("the new container's last " + output.size() + " line(s) of output:");
                output.forEach(l -> log.line("  " + l));
            }
            containers.remove(id);
            log.line("removed the new container " + name);
            restore(containers, stopFirst ? running : List.of(), log);
            return stop ? stopped(name, log) : failed(name, "HEALTH_CONSTRAINTS", unhealthy.get(), log);
        }
        event("HealthCheck", LifecycleStatus.SUCCEEDED, "", "", t);
        t = System.nanoTime();
        log.line("== StopOldContainer");
        if (old.isEmpty()) {
            log.line("no earlier container: nothing to stop");
        }
        for (Container c : old) {
            containers.stop(c.getId());
            containers.remove(c.getId());
            log.line("stopped and removed " + DeployedContainers.nameOf(c));
        }
        event("StopOldContainer", LifecycleStatus.SUCCEEDED, "", "", t);
        String message = name + " runs " + definition.imageUri();
        log.line("Succeeded: " + message);
        return new DeploymentReport(
                DeploymentStatus.SUCCEEDED,
                "",
                message,
                List.of(new HostReport(name, LifecycleStatus.SUCCEEDED, events, "")),
                List.of());
    }

    private Optional<String> pull(DockerEngine engine, String image, DeployLog log) {
        if (!Images.hasRegistry(image) && present(engine, image)) {
            log.line(image + " names no registry and the engine has it: not pulled");
            return Optional.empty();
        }
        try {
            Images.pull(engine.client(), image, credentials, log::line);
            return Optional.empty();
        } catch (RuntimeException e) {
            String why = DockerEngine.describe(e);
            try {
                engine.client().inspectImageCmd(image).exec();
                log.line("pulling " + image + " failed (" + why + "); the engine has it already, so it is used");
                return Optional.empty();
            } catch (NotFoundException missing) {
                return Optional.of("pulling " + image + " failed: " + why + ". Check the name, and that the engine"
                        + " can reach the registry and log in to it");
            }
        }
    }

    private static boolean present(DockerEngine engine, String image) {
        try {
            engine.client().inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** Starts again the old containers stopped for a fixed port. */
    private static void restore(DeployedContainers containers, List<Container> stopped, DeployLog log) {
        for (Container c : stopped) {
            try {
                containers.start(c.getId());
                log.line("started the old container " + DeployedContainers.nameOf(c) + " again: it keeps serving");
            } catch (DockerException e) {
                log.line("the old container " + DeployedContainers.nameOf(c) + " did not start again: "
                        + DockerEngine.describe(e));
            }
        }
        if (stopped.isEmpty()) {
            log.line("the old container, if any, kept serving throughout");
        }
    }

    private DeploymentReport failed(String host, String code, String message, DeployLog log) {
        log.line("Failed: " + message);
        return new DeploymentReport(
                DeploymentStatus.FAILED,
                code,
                message,
                List.of(new HostReport(host, LifecycleStatus.FAILED, withSkipped(), message)),
                List.of());
    }

    private DeploymentReport stopped(String host, DeployLog log) {
        String message = "the deployment was stopped";
        log.line("Stopped: " + message);
        return new DeploymentReport(
                DeploymentStatus.STOPPED,
                "MANUAL_STOP",
                message,
                List.of(new HostReport(host, LifecycleStatus.FAILED, withSkipped(), message)),
                List.of());
    }

    private List<EventReport> withSkipped() {
        List<EventReport> out = new ArrayList<>(events);
        for (String event : EVENTS.subList(events.size(), EVENTS.size())) {
            out.add(new EventReport(event, LifecycleStatus.SKIPPED, "", "", 0));
        }
        return out;
    }

    private void event(String event, LifecycleStatus status, String code, String message, long startNanos) {
        events.add(new EventReport(event, status, code, message, (System.nanoTime() - startNanos) / 1_000_000));
    }

    private Optional<ImageDefinition> choose(ContainerTarget target) {
        if (target.container().isEmpty()) {
            return definitions.size() == 1 ? Optional.of(definitions.get(0)) : Optional.empty();
        }
        return definitions.stream()
                .filter(d -> d.name().equals(target.container()))
                .findFirst();
    }

    private String names() {
        return definitions.stream().map(ImageDefinition::name).collect(Collectors.joining(", "));
    }

    private static String names(List<Container> containers) {
        return containers.stream().map(DeployedContainers::nameOf).collect(Collectors.joining(", "));
    }

    /** Where published ports are reached: this host for a local socket, else the engine's host. */
    private static String engineHost(DockerEngine engine) {
        if (engine.host().startsWith("unix://")) {
            return "127.0.0.1";
        }
        String host = URI.create(engine.host()).getHost();
        return host == null ? "127.0.0.1" : host;
    }
}
