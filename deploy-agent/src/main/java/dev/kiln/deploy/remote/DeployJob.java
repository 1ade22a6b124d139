package dev.kiln.deploy.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.OrchestratorUnreachableException;
import dev.kiln.deploy.DeployException;
import dev.kiln.deploy.DeployLog;
import dev.kiln.deploy.container.ContainerDeployer;
import dev.kiln.deploy.container.ImageDefinition;
import dev.kiln.deploy.container.ImageDefinitions;
import dev.kiln.deploy.fleet.SshDeployer;
import dev.kiln.deploy.revision.InvalidRevisionException;
import dev.kiln.deploy.revision.Revision;
import dev.kiln.deploy.revision.RevisionBundler;
import dev.kiln.kit.Failures;
import dev.kiln.kit.SecretMasker;
import dev.kiln.kit.engine.RegistryCredentials;
import dev.kiln.kit.remote.AgentJob;
import dev.kiln.kit.remote.PresignedUrlArtifactStore;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.deploy.DeploymentOrder;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * One deploy job: asks the orchestrator for its deployment, reads the revision from the object store, deploys it,
 * reports it, and runs the rollback the orchestrator answers a failure with. The job succeeds only when its own
 * deployment does (a rollback does not make a failed deployment succeed, as in CodePipeline).
 */
final class DeployJob implements AgentJob {
    private final JobSpec spec;
    private final AgentClient client;
    private final Path work;
    private final RegistryCredentials pullLogins;
    private volatile boolean stopRequested;
    /** The agent stops and gives this job back: its deployment is not reported, and goes on with the next agent. */
    private volatile boolean givingBack;

    private Runnable started = () -> {};

    DeployJob(JobSpec spec, AgentClient client, Path work, RegistryCredentials pullLogins) {
        this.spec = spec;
        this.pullLogins = pullLogins;
        this.client = client;
        this.work = work;
    }

    /** A masker for the secrets a deployment order carries. */
    static SecretMasker masker(DeploymentOrder order) {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        if (order.spec().ssh() != null) {
            secrets.add(order.spec().ssh().privateKey());
        }
        if (order.spec().container() != null) {
            secrets.addAll(order.spec().container().env().values());
        }
        return SecretMasker.of(secrets);
    }

    @Override
    public void onStart(Runnable action) {
        this.started = action;
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    /**
     * The deployment stops as a stop does (a host in the middle of its lifecycle events finishes them, no other host
     * starts), but is not reported: it stays In progress, and the agent the job is given to next deploys it again as
     * the same deployment, from its first host.
     */
    @Override
    public void handBack() {
        givingBack = true;
        stopRequested = true;
    }

    @Override
    public JobResult run(Consumer<String> lines) {
        // the environment's secrets (its SSH key, its containers' variables) are masked in everything logged
        SecretMasker[] masker = {SecretMasker.none()};
        DeployLog log = text -> lines.accept(masker[0].apply(text));
        try {
            Files.createDirectories(work);
            DeploymentOrder order = retried(() -> client.beginDeployment(spec.jobId()));
            masker[0] = masker(order);
            started.run();
            DeploymentReport first = deploy(order, log);
            if (givingBack) {
                return givenBack(order, log);
            }
            String message = first.succeeded()
                    ? "deployment " + order.spec().deploymentId() + " succeeded: " + first.message()
                    : "deployment " + order.spec().deploymentId() + " " + first.status() + ": " + first.message();
            Optional<DeploymentOrder> next = report(order, first);
            while (next.isPresent()) {
                // a stop applies to the deployment it stopped; the rollback that answers it runs (and can be
                // stopped in its turn)
                stopRequested = false;
                DeploymentOrder rollback = next.get();
                log.line("");
                log.line("automatic rollback: redeploying the last successful revision as "
                        + rollback.spec().deploymentId());
                DeploymentReport r = deploy(rollback, log);
                if (givingBack) {
                    return givenBack(rollback, log);
                }
                message += "; rolled back by " + rollback.spec().deploymentId() + ": " + r.status();
                next = report(rollback, r);
            }
            StatusType status = first.succeeded()
                    ? StatusType.SUCCEEDED
                    : first.status() == DeploymentStatus.STOPPED ? StatusType.STOPPED : StatusType.FAILED;
            return new JobResult(status, message, Map.of(), 0);
        } catch (ApiRefusedException e) {
            log.line("[Kiln] the orchestrator refused the deployment: " + e.getMessage());
            return new JobResult(StatusType.FAILED, Failures.message(e), Map.of(), 0);
        } catch (DeployException | OrchestratorUnreachableException | IOException e) {
            log.line("[Kiln] " + Failures.message(e));
            return new JobResult(StatusType.FAULT, Failures.message(e), Map.of(), 0);
        } finally {
            clean();
        }
    }

    private static JobResult givenBack(DeploymentOrder order, DeployLog log) {
        log.line("[Kiln] this agent stops: deployment " + order.spec().deploymentId() + " is given back unfinished;"
                + " the next deploy agent deploys it again from its first host");
        return new JobResult(StatusType.STOPPED, "given back unfinished", Map.of(), 0);
    }

    private DeploymentReport deploy(DeploymentOrder order, DeployLog log) throws IOException {
        String id = order.spec().deploymentId();
        Path zip = work.resolve(id + ".zip");
        log.line("reading revision " + order.revisionKey() + " from the object store");
        try (InputStream in = PresignedUrlArtifactStore.read(order.revisionUrl(), order.revisionKey())) {
            Files.copy(in, zip, StandardCopyOption.REPLACE_EXISTING);
        }
        if (order.spec().container() != null) {
            List<ImageDefinition> images;
            try {
                images = ImageDefinitions.read(zip);
            } catch (InvalidRevisionException e) {
                log.line(Failures.message(e));
                return new DeploymentReport(
                        DeploymentStatus.FAILED, "INVALID_REVISION", Failures.message(e), List.of(), List.of());
            }
            return new ContainerDeployer(order.spec(), images, pullLogins, () -> stopRequested).run(log);
        }
        Revision revision;
        try {
            revision = RevisionBundler.prepare(zip, work.resolve(id + ".tar.gz"));
        } catch (InvalidRevisionException e) {
            log.line(Failures.message(e));
            return new DeploymentReport(
                    DeploymentStatus.FAILED, "INVALID_REVISION", Failures.message(e), List.of(), List.of());
        }
        return new SshDeployer(order.spec(), revision, () -> stopRequested).run(log);
    }

    private Optional<DeploymentOrder> report(DeploymentOrder order, DeploymentReport report) {
        return retried(() -> client.reportDeployment(spec.jobId(), order.spec().deploymentId(), report));
    }

    /** A call retried for a minute while the orchestrator restarts. */
    private static <T> T retried(Supplier<T> call) {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return call.get();
            } catch (OrchestratorUnreachableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private void clean() {
        try (var files = Files.list(work)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(work);
        } catch (IOException e) {
            // a leftover bundle in the work folder; the next start of the agent clears it
        }
    }
}
