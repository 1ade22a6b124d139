package dev.kiln.orchestrator.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.Change;
import dev.kiln.model.api.ChangeKind;
import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.api.EnvironmentSettings;
import dev.kiln.model.api.LifecycleStatus;
import dev.kiln.model.deploy.DeploymentOrder;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.deploy.DeploymentSpec;
import dev.kiln.model.job.JobSpec;
import dev.kiln.orchestrator.deploy.Environments;
import dev.kiln.orchestrator.deploy.UnknownEnvironmentException;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.DeploymentStore;
import dev.kiln.orchestrator.state.EnvironmentRecord;
import dev.kiln.orchestrator.state.JobRecord;
import io.vertx.core.Future;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deployments and the jobs that run them: a deploy agent starts each deployment of its leased job here and reports
 * it here; a failed deployment is answered with its automatic rollback (the environment's last successful revision,
 * a new deployment linked to the failed one); a deployment whose agent was lost fails and its rollback queues as a
 * job of its own; users roll back by hand. Runs on the orchestrator's context.
 */
public final class DeployDesk {
    private static final Logger LOG = LoggerFactory.getLogger(DeployDesk.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final Orchestrator orchestrator;
    private final Environments environments;
    private final DeploymentStore store;
    private final ObjectGrants objects;
    /** The deployment each open deploy job runs now. */
    private final Map<String, String> current = new HashMap<>();
    /** Deployments a user stopped and asked to leave as they are (no automatic rollback). */
    private final java.util.Set<String> stoppedWithoutRollback = new java.util.HashSet<>();

    /** A desk over the orchestrator's jobs; it hears every job that ends. */
    public DeployDesk(
            Orchestrator orchestrator, Environments environments, DeploymentStore store, ObjectGrants objects) {
        this.orchestrator = orchestrator;
        this.objects = objects;
        this.environments = environments;
        this.store = store;
        orchestrator.onJobEnded(this::jobEnded);
    }

    /**
     * After a start: deployments whose job is still open are followed again; those whose job is gone end Failed
     * (their hosts roll back with the next deployment).
     */
    public Future<Void> recover() {
        return store.unfinished().compose(list -> {
            List<Future<Void>> saves = new java.util.ArrayList<>();
            for (DeploymentRecord d : list) {
                if (orchestrator.board.job(d.jobId()).isPresent()) {
                    if (d.status() == DeploymentStatus.IN_PROGRESS) {
                        current.put(d.jobId(), d.id());
                    }
                } else {
                    saves.add(save(d.ended(
                            DeploymentStatus.FAILED,
                            "INTERNAL_ERROR",
                            "the orchestrator stopped while this deployment ran, and its job is gone",
                            "",
                            orchestrator.clock.instant())));
                }
            }
            return Future.all(saves).mapEmpty();
        });
    }

    /** The agent starts the deployment of its leased deploy job; answers what to deploy where. */
    public Future<DeploymentOrder> begin(String agentId, String caller, String jobId) {
        JobRecord job = held(agentId, caller, jobId);
        JobSpec spec = Jobs.spec(job);
        String name = spec.environment().getOrDefault(Jobs.ENVIRONMENT, "");
        // a rollback job's deployment is made with the job; a job begun before (its agent lost before it
        // started, the job leased again) goes on with the same deployment
        String made = current.getOrDefault(jobId, spec.environment().getOrDefault(Jobs.DEPLOYMENT, ""));
        return environments.get(name).compose(env -> {
            Future<DeploymentRecord> deployment = made.isEmpty()
                    ? Future.succeededFuture(fresh(name, spec, job))
                    : store.deployment(made)
                            .map(d -> d.orElseThrow(
                                    () -> new UnknownEnvironmentException("deployment " + made + " is missing")));
            return deployment.compose(d -> {
                DeploymentRecord running = d.withJob(jobId).withStatus(DeploymentStatus.IN_PROGRESS);
                current.put(jobId, running.id());
                return save(running).compose(v -> order(env, running, running.redeployOf()));
            });
        });
    }

    private DeploymentRecord fresh(String environment, JobSpec spec, JobRecord job) {
        String revision = spec.inputs().isEmpty() ? "" : spec.inputs().get(0).key();
        return DeploymentRecord.created(
                newId(),
                environment,
                spec.pipeline(),
                job.runId(),
                job.id(),
                revision,
                spec.revision(),
                DeploymentCreator.PIPELINE,
                orchestrator.clock.instant());
    }

    /** What to deploy where, with a URL signed for reading this deployment's revision only. */
    private Future<DeploymentOrder> order(EnvironmentRecord env, DeploymentRecord d, String reuseRelease) {
        EnvironmentSettings settings = Environments.settings(env);
        DeploymentSpec spec = new DeploymentSpec(
                d.id(),
                d.application(),
                env.name(),
                env.id(),
                d.commit(),
                d.creator(),
                Environments.config(settings),
                environments.sshTarget(env),
                environments.containerTarget(env),
                reuseRelease);
        return objects.read(d.revisionKey()).map(grant -> new DeploymentOrder(spec, d.revisionKey(), grant.url()));
    }

    /**
     * The agent reports how a deployment of its job ended; answers the automatic rollback to run next, if one is
     * due.
     */
    public Future<Optional<DeploymentOrder>> reported(
            String agentId, String caller, String jobId, String deploymentId, DeploymentReport report) {
        held(agentId, caller, jobId);
        return store.deployment(deploymentId)
                .map(d -> d.filter(x -> x.jobId().equals(jobId))
                        .orElseThrow(() ->
                                new UnknownJobException("deployment " + deploymentId + " is not run by job " + jobId)))
                .compose(d -> {
                    DeploymentRecord ended = d.ended(
                            report.status(),
                            report.errorCode(),
                            report.message(),
                            json(report),
                            orchestrator.clock.instant());
                    current.remove(jobId);
                    boolean keep = stoppedWithoutRollback.remove(d.id()) && report.status() == DeploymentStatus.STOPPED;
                    return save(ended)
                            .compose(v -> environments.trust(d.environment(), report.learnedHostKeys()))
                            .compose(v -> report.succeeded()
                                            || keep
                                            || !touched(report)
                                            || d.creator() == DeploymentCreator.ROLLBACK
                                    ? Future.succeededFuture(Optional.<DeploymentOrder>empty())
                                    : rollbackOf(ended, jobId));
                });
    }

    /** Whether any host got as far as running a lifecycle event (else there is nothing to roll back). */
    private static boolean touched(DeploymentReport report) {
        return report.hosts().stream()
                .anyMatch(h -> h.events().stream().anyMatch(e -> e.status() != LifecycleStatus.SKIPPED));
    }

    /** The rollback of a failed deployment, run by {@code jobId}: empty when the environment has none to go to. */
    private Future<Optional<DeploymentOrder>> rollbackOf(DeploymentRecord failed, String jobId) {
        return environments.get(failed.environment()).compose(env -> {
            if (!Environments.settings(env).autoRollback()) {
                return Future.succeededFuture(Optional.empty());
            }
            return store.lastSuccessful(failed.environment()).compose(last -> {
                if (last.isEmpty()) {
                    LOG.info("deployment {} failed; no earlier successful deployment to roll back to", failed.id());
                    return Future.succeededFuture(Optional.empty());
                }
                DeploymentRecord rollback = DeploymentRecord.created(
                                newId(),
                                failed.environment(),
                                failed.application(),
                                failed.runId(),
                                jobId,
                                last.get().revisionKey(),
                                last.get().commit(),
                                DeploymentCreator.ROLLBACK,
                                orchestrator.clock.instant())
                        .rollingBack(failed.id(), last.get().id())
                        .withStatus(DeploymentStatus.IN_PROGRESS);
                if (!jobId.isEmpty()) {
                    current.put(jobId, rollback.id());
                }
                return save(rollback)
                        .compose(v -> save(failed.rolledBackBy(rollback.id())))
                        .compose(v -> order(env, rollback, last.get().id()).map(Optional::of));
            });
        });
    }

    /** A deploy job ended: a deployment it left running (its agent was lost) fails and is rolled back. */
    private void jobEnded(JobRecord job) {
        String deploymentId = current.remove(job.id());
        if (deploymentId == null) {
            return;
        }
        store.deployment(deploymentId)
                .compose(d -> {
                    if (d.isEmpty() || d.get().endedAt().isPresent()) {
                        return Future.succeededFuture();
                    }
                    DeploymentRecord failed = d.get()
                            .ended(
                                    DeploymentStatus.FAILED,
                                    "AGENT_ISSUE",
                                    job.message(),
                                    "",
                                    orchestrator.clock.instant());
                    return save(failed)
                            .compose(v -> failed.creator() == DeploymentCreator.ROLLBACK
                                    ? Future.succeededFuture(Optional.<DeploymentOrder>empty())
                                    : rollbackOf(failed, ""))
                            .map(order -> {
                                order.ifPresent(o -> queueRollback(o.spec().deploymentId()));
                                return null;
                            });
                })
                .onFailure(e -> LOG.error("could not end deployment {} of lost job {}", deploymentId, job.id(), e));
    }

    private void queueRollback(String deploymentId) {
        store.deployment(deploymentId)
                .onSuccess(d -> d.ifPresent(r -> {
                    JobRecord job = Jobs.rollback(r, orchestrator.clock.instant());
                    DeploymentRecord queued = r.withJob(job.id()).withStatus(DeploymentStatus.QUEUED);
                    save(queued).onSuccess(v -> orchestrator.queue(job));
                }));
    }

    /**
     * A user stops a deployment in progress, as CodeDeploy's StopDeployment: its agent is told to stop, a host in the
     * middle of its lifecycle events finishes them, the hosts not reached are Skipped, and the deployment ends
     * Stopped. With {@code rollback} (and the environment's automatic rollback) the hosts it touched go back to the
     * last successful revision. Answers the deployment as it is now.
     */
    public Future<DeploymentRecord> stop(String deploymentId, boolean rollback) {
        return store.deployment(deploymentId).map(found -> {
            DeploymentRecord d = found.orElseThrow(() ->
                    new UnknownEnvironmentException("no deployment " + deploymentId + "; see 'kiln deployments list'"));
            if (d.status() != DeploymentStatus.IN_PROGRESS) {
                throw new dev.kiln.orchestrator.run.RunRefusedException("deployment " + deploymentId + " is "
                        + d.status() + ": only a deployment in progress can be stopped");
            }
            AgentState agent = orchestrator
                    .board
                    .job(d.jobId())
                    .flatMap(JobRecord::agentId)
                    .flatMap(orchestrator.board::agent)
                    .orElseThrow(() -> new dev.kiln.orchestrator.run.RunRefusedException("deployment "
                            + deploymentId + " has no agent running it now; it fails on its own when its agent is"
                            + " lost"));
            if (!rollback) {
                stoppedWithoutRollback.add(d.id());
            }
            agent.cancels.add(d.jobId());
            LOG.info("deployment {} stop requested ({})", d.id(), rollback ? "with rollback" : "no rollback");
            return d;
        });
    }

    /**
     * A user's rollback: redeploys {@code to} (a deployment that succeeded in the environment), by default the
     * successful deployment before the live one. Answers the new deployment, queued.
     */
    public Future<DeploymentRecord> rollback(String environment, Optional<String> to) {
        return environments
                .get(environment)
                .compose(env -> store.deployments(environment, 200)
                        .map(all -> target(environment, all, to))
                        .compose(target -> {
                            DeploymentRecord d = DeploymentRecord.created(
                                            newId(),
                                            environment,
                                            target.application(),
                                            "",
                                            "",
                                            target.revisionKey(),
                                            target.commit(),
                                            DeploymentCreator.USER,
                                            orchestrator.clock.instant())
                                    .rollingBack("", target.id());
                            JobRecord job = Jobs.rollback(d, orchestrator.clock.instant());
                            DeploymentRecord queued = d.withJob(job.id()).withStatus(DeploymentStatus.QUEUED);
                            return save(queued).map(v -> {
                                orchestrator.queue(job);
                                return queued;
                            });
                        }));
    }

    private static DeploymentRecord target(String environment, List<DeploymentRecord> all, Optional<String> to) {
        List<DeploymentRecord> good = all.stream()
                .filter(d -> d.status() == DeploymentStatus.SUCCEEDED)
                .toList();
        if (to.isPresent()) {
            return good.stream()
                    .filter(d -> d.id().equals(to.get()))
                    .findFirst()
                    .orElseThrow(() -> new UnknownEnvironmentException("no successful deployment " + to.get()
                            + " in " + environment + "; see 'kiln deployments list --environment " + environment
                            + "'"));
        }
        if (good.size() < 2) {
            throw new UnknownEnvironmentException(
                    "environment " + environment + " has no earlier successful deployment to roll back to");
        }
        return good.get(1);
    }

    private JobRecord held(String agentId, String caller, String jobId) {
        AgentDesk.known(orchestrator, agentId, caller);
        JobRecord job = orchestrator
                .board
                .job(jobId)
                .orElseThrow(() -> new UnknownJobException("job " + jobId + " is not open; stop it"));
        if (!job.agentId().filter(agentId::equals).isPresent() || job.kind() != AgentKind.DEPLOY) {
            throw new UnknownJobException("deploy job " + jobId + " is not held by agent " + agentId + "; stop it");
        }
        return job;
    }

    private static String newId() {
        StringBuilder id = new StringBuilder("d-");
        for (int i = 0; i < 9; i++) {
            id.append(ID_CHARS.charAt(RANDOM.nextInt(ID_CHARS.length())));
        }
        return id.toString();
    }

    private static String json(DeploymentReport report) {
        try {
            return Jobs.JSON.writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves a deployment and tells those who follow changes. */
    private Future<Void> save(DeploymentRecord deployment) {
        return store.saveDeployment(deployment)
                .onSuccess(v -> orchestrator
                        .events()
                        .publish(new Change(
                                ChangeKind.DEPLOYMENT,
                                deployment.id(),
                                deployment.environment(),
                                null,
                                null,
                                deployment.status().wireName(),
                                java.time.Instant.now())));
    }
}
