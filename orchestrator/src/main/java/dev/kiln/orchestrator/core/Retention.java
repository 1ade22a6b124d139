package dev.kiln.orchestrator.core;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.StoredObject;
import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.DeploymentStore;
import dev.kiln.orchestrator.state.EnvironmentRecord;
import dev.kiln.orchestrator.state.RetentionPolicy;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the ended runs a {@link RetentionPolicy} lets go, in the background: a run's record, stages, history, jobs
 * and log lines, then its artifacts ({@code runs/ID/}) and archived logs. Never a run that is live (in the
 * orchestrator's memory), nor one whose revision is the last successful deployment of an environment (a rollback
 * needs it). A pass removes at most {@link #BATCH} runs; the next pass goes on.
 */
public final class Retention {
    /** Runs removed in one pass at most. */
    static final int BATCH = 100;
    /** How often a pass runs, after a first one a minute after the start. */
    static final Duration EVERY = Duration.ofMinutes(10);

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final Orchestrator orchestrator;
    private final DeploymentStore deployments;
    private final ArtifactStore objects;
    private final RetentionPolicy policy;

    /** Retention of {@code orchestrator}'s runs as {@code policy} says. */
    public Retention(
            Orchestrator orchestrator, DeploymentStore deployments, ArtifactStore objects, RetentionPolicy policy) {
        this.orchestrator = orchestrator;
        this.deployments = deployments;
        this.objects = objects;
        this.policy = policy;
    }

    /** Runs a pass a minute from now, then every {@link #EVERY}; nothing when the policy keeps everything. */
    public void start(Vertx vertx) {
        if (!policy.removes()) {
            return;
        }
        vertx.setTimer(60_000, first -> {
            sweep();
            vertx.setPeriodic(EVERY.toMillis(), next -> sweep());
        });
    }

    /** One pass; answers how many runs it removed. */
    public Future<Integer> sweep() {
        if (orchestrator.paused()) {
            return Future.succeededFuture(0);
        }
        return kept().compose(kept -> orchestrator
                        .store
                        .expiredRuns(policy, orchestrator.clock.instant(), BATCH)
                        .map(ids -> ids.stream()
                                .filter(id -> !kept.contains(id)
                                        && orchestrator.book.meta(id).isEmpty())
                                .toList()))
                .compose(runs -> orchestrator
                        .store
                        .removeRuns(runs)
                        .compose(jobs -> WorkPool.STORE.run(orchestrator.context, () -> {
                            removeObjects(runs, jobs);
                            return runs.size();
                        })))
                .onSuccess(n -> {
                    if (n > 0) {
                        LOG.info("removed {} old run(s) with their jobs, logs and artifacts ({})", n, describe());
                    }
                })
                .onFailure(e -> LOG.warn("removing old runs failed; the next pass tries again: {}", e.getMessage()));
    }

    /** The runs the last successful deployment of each environment came from. */
    private Future<Set<String>> kept() {
        return deployments.environments().compose(environments -> {
            List<Future<Optional<DeploymentRecord>>> last = environments.stream()
                    .map(EnvironmentRecord::name)
                    .map(deployments::lastSuccessful)
                    .toList();
            return Future.all(last).map(done -> {
                Set<String> runs = new HashSet<>();
                for (Future<Optional<DeploymentRecord>> f : last) {
                    f.result()
                            .map(DeploymentRecord::runId)
                            .filter(id -> !id.isEmpty())
                            .ifPresent(runs::add);
                }
                return runs;
            });
        });
    }

    private void removeObjects(List<String> runs, List<String> jobs) {
        for (String run : runs) {
            for (StoredObject object : objects.list("runs/" + run + "/")) {
                objects.delete(object.key());
            }
        }
        for (String job : jobs) {
            objects.delete("logs/" + job + ".log");
            objects.delete("logs/" + job + ".idx");
        }
    }

    private String describe() {
        return policy.keepRuns().map(n -> "keeping " + n + " per pipeline").orElse("")
                + (policy.keepRuns().isPresent() && policy.keepDays().isPresent() ? ", " : "")
                + policy.keepDays().map(d -> "keeping " + d + " day(s)").orElse("");
    }
}
