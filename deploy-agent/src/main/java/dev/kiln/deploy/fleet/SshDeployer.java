package dev.kiln.deploy.fleet;

import dev.kiln.deploy.DeployException;
import dev.kiln.deploy.DeployLog;
import dev.kiln.deploy.host.HostDeployment;
import dev.kiln.deploy.revision.Revision;
import dev.kiln.deploy.ssh.SshHostShell;
import dev.kiln.kit.Failures;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.deploy.HealthRule;
import dev.kiln.model.deploy.HostReport;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.SshHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;

/**
 * Deploys a prepared revision to an SSH environment: hosts in order, in batches as large as the health rule allows
 * (the hosts of a batch at once), stopping with {@code HEALTH_CONSTRAINTS} when no more hosts may be taken. Thread
 * confined: one per deployment.
 */
public final class SshDeployer {
    private final DeploymentSpec spec;
    private final Revision revision;
    private final BooleanSupplier stopRequested;

    /** A deployment of {@code revision} as {@code spec} says; {@code stopRequested} is checked between steps. */
    public SshDeployer(DeploymentSpec spec, Revision revision, BooleanSupplier stopRequested) {
        this.spec = spec;
        this.revision = revision;
        this.stopRequested = stopRequested;
    }

    /** Runs the deployment; reports every host, those never reached as Skipped. */
    public DeploymentReport run(DeployLog log) {
        List<SshHost> hosts = spec.sshTarget().hosts();
        HealthRule rule = new HealthRule(spec.config(), hosts.size());
        List<KnownHostKey> learned = new ArrayList<>();
        List<HostReport> reports = new ArrayList<>();
        if (rule.invalid().isPresent()) {
            log.line("cannot start: " + rule.invalid().get());
            return new DeploymentReport(
                    DeploymentStatus.FAILED,
                    hosts.isEmpty() ? "NO_INSTANCES" : "HEALTH_CONSTRAINTS_INVALID",
                    rule.invalid().get(),
                    skipped(hosts, 0, "not started"),
                    learned);
        }
        log.line("deploying " + spec.deploymentId() + " to " + spec.environment() + ": " + hosts.size() + " host(s), "
                + spec.config() + " (at least " + rule.minimum() + " must stay healthy)"
                + (revision.appSpec().isPresent() ? "" : "; no appspec, so releases switch with a 'current' link"));
        int next = 0;
        int succeeded = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(hosts.size(), 16)));
        // every host is connected at once, up front: a host's turn then starts with its session ready
        Map<SshHost, Future<SshHostShell>> shells = new LinkedHashMap<>();
        for (SshHost host : hosts) {
            shells.put(host, pool.submit(() -> connect(host, log, learned)));
        }
        try {
            while (next < hosts.size()) {
                if (stopRequested.getAsBoolean()) {
                    reports.addAll(skipped(hosts, next, "the deployment was stopped"));
                    return new DeploymentReport(
                            DeploymentStatus.STOPPED, "MANUAL_STOP", "stopped on request", reports, learned);
                }
                int batch = rule.nextBatch(succeeded, hosts.size() - next);
                if (batch == 0) {
                    String message = "too few healthy hosts: " + succeeded + " succeeded, " + (hosts.size() - next)
                            + " left, " + rule.minimum() + " must stay healthy (" + spec.config() + ")";
                    log.line("stopping: " + message);
                    reports.addAll(skipped(hosts, next, "skipped: " + message));
                    return new DeploymentReport(
                            DeploymentStatus.FAILED, "HEALTH_CONSTRAINTS", message, reports, learned);
                }
                List<Future<HostReport>> running = new ArrayList<>();
                for (SshHost host : hosts.subList(next, next + batch)) {
                    running.add(pool.submit(() -> deployTo(host, Objects.requireNonNull(shells.get(host)), log)));
                }
                for (Future<HostReport> f : running) {
                    HostReport r = get(f);
                    reports.add(r);
                    if (r.status() == LifecycleStatus.SUCCEEDED) {
                        succeeded++;
                    }
                }
                next += batch;
            }
        } finally {
            shells.values().forEach(SshDeployer::closeWhenOpen);
            pool.shutdownNow();
        }
        return outcome(rule, succeeded, reports, learned, log);
    }

    private DeploymentReport outcome(
            HealthRule rule, int succeeded, List<HostReport> reports, List<KnownHostKey> learned, DeployLog log) {
        if (rule.succeeded(succeeded)) {
            log.line("Succeeded on " + succeeded + " of " + reports.size() + " host(s)");
            return new DeploymentReport(
                    DeploymentStatus.SUCCEEDED,
                    "",
                    succeeded + " of " + reports.size() + " host(s) succeeded",
                    reports,
                    learned);
        }
        String firstFailure = reports.stream()
                .filter(r -> r.status() == LifecycleStatus.FAILED)
                .map(r -> r.host() + ": " + r.message())
                .findFirst()
                .orElse("");
        String message = "only " + succeeded + " of " + reports.size() + " host(s) succeeded, " + rule.minimum()
                + " needed" + (firstFailure.isEmpty() ? "" : "; " + firstFailure);
        log.line("Failed: " + message);
        return new DeploymentReport(DeploymentStatus.FAILED, "HEALTH_CONSTRAINTS", message, reports, learned);
    }

    private SshHostShell connect(SshHost host, DeployLog log, List<KnownHostKey> learned) {
        DeployLog hostLog = log.prefixed("[" + host + "] ");
        SshHostShell shell = SshHostShell.connect(
                host,
                spec.sshTarget().privateKey(),
                spec.sshTarget().knownHostKeys(),
                spec.sshTarget().trustOnFirstUse());
        shell.learnedHostKey().ifPresent(k -> {
            hostLog.line("trusting its host key on first use: " + k.fingerprint());
            synchronized (learned) {
                learned.add(k);
            }
        });
        return shell;
    }

    private HostReport deployTo(SshHost host, Future<SshHostShell> connection, DeployLog log) {
        DeployLog hostLog = log.prefixed("[" + host + "] ");
        try {
            SshHostShell shell = get(connection);
            hostLog.line("connected");
            return new HostDeployment(shell, spec, revision, stopRequested).run(hostLog);
        } catch (DeployException e) {
            hostLog.line("FAILED: " + e.getMessage());
            return new HostReport(host.toString(), LifecycleStatus.FAILED, List.of(), Failures.message(e));
        }
    }

    private static void closeWhenOpen(Future<SshHostShell> connection) {
        try {
            connection.get().close();
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            // never connected: nothing to close
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while deploying", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DeployException d) {
                throw d;
            }
            throw new DeployException("a host's deployment broke: " + e.getCause(), e);
        }
    }

    private static List<HostReport> skipped(List<SshHost> hosts, int from, String why) {
        return hosts.subList(from, hosts.size()).stream()
                .map(h -> new HostReport(h.toString(), LifecycleStatus.SKIPPED, List.of(), why))
                .toList();
    }
}
