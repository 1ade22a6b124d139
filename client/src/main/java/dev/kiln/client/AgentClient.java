package dev.kiln.client;

import dev.kiln.model.api.Acknowledged;
import dev.kiln.model.api.Agent;
import dev.kiln.model.api.LogAccepted;
import dev.kiln.model.deploy.DeploymentOrder;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.job.AgentHello;
import dev.kiln.model.job.AgentWelcome;
import dev.kiln.model.job.Heartbeat;
import dev.kiln.model.job.JobHandBack;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.job.LogBatch;
import dev.kiln.model.job.ObjectEntry;
import dev.kiln.model.job.ObjectGrant;
import dev.kiln.model.job.ObjectGrantRequest;
import dev.kiln.model.job.ObjectListing;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The agent protocol of the API, for one agent: hello, a long-polled lease, heartbeats, then per job its start, log
 * batches, deployment and result, each call naming the agent in {@code X-Kiln-Agent}. Blocking, one call at a time
 * per caller thread; thread-safe. An orchestrator that cannot be reached or fails (5xx) is an
 * {@link OrchestratorUnreachableException} (try again later); a refusal (4xx) an {@link ApiRefusedException}.
 */
public final class AgentClient implements AutoCloseable {
    private static final Duration CALL = Duration.ofSeconds(15);
    private static final Duration DEPLOYMENT = Duration.ofSeconds(30);

    private final Transport transport;
    private final String agentId;

    /**
     * A client for agent {@code agentId} of the orchestrators at {@code servers} (comma-separated, sharing one
     * database: calls go to the one that leads).
     */
    public AgentClient(String servers, String token, String agentId) {
        this.transport = new Transport(servers, token, Map.of("X-Kiln-Agent", agentId), CALL);
        this.agentId = agentId;
    }

    /** The agent's id. */
    public String agentId() {
        return agentId;
    }

    /** {@code PUT /agents/ID}: says hello; answers how often to beat. */
    public AgentWelcome hello(AgentHello hello) {
        return required(call("PUT", "/agents/" + id(), hello, AgentWelcome.class, CALL));
    }

    /** {@code POST /agents/ID/lease}: waits up to {@code waitMs} for a job. */
    public Optional<JobSpec> lease(long waitMs) {
        return Optional.ofNullable(call(
                "POST",
                "/agents/" + id() + "/lease?waitMs=" + waitMs,
                null,
                JobSpec.class,
                Duration.ofMillis(waitMs).plus(CALL)));
    }

    /** {@code POST /agents/ID/heartbeat}: beats; answers the jobs to stop. */
    public List<String> heartbeat(List<String> running) {
        return required(call("POST", "/agents/" + id() + "/heartbeat", new Heartbeat(running), Heartbeat.class, CALL))
                .running();
    }

    /** {@code POST /jobs/ID/started}: a job's work started. */
    public void started(String jobId) {
        call("POST", "/jobs/" + KilnClient.encode(jobId) + "/started", null, Acknowledged.class, CALL);
    }

    /** {@code POST /jobs/ID/log}: sends log lines; answers how many the job now has. */
    public long log(String jobId, LogBatch batch) {
        return required(call("POST", "/jobs/" + KilnClient.encode(jobId) + "/log", batch, LogAccepted.class, CALL))
                .lines();
    }

    /**
     * {@code POST /jobs/ID/deployment}: starts the deployment of a leased deploy job; the orchestrator records it and
     * answers what to deploy where.
     */
    public DeploymentOrder beginDeployment(String jobId) {
        return required(call(
                "POST", "/jobs/" + KilnClient.encode(jobId) + "/deployment", null, DeploymentOrder.class, DEPLOYMENT));
    }

    /**
     * {@code POST /jobs/ID/deployments/D}: reports how a deployment ended; the orchestrator answers the rollback to
     * run next, if one is due (an automatic rollback after a failure).
     */
    public Optional<DeploymentOrder> reportDeployment(String jobId, String deploymentId, DeploymentReport report) {
        return Optional.ofNullable(call(
                "POST",
                "/jobs/" + KilnClient.encode(jobId) + "/deployments/" + KilnClient.encode(deploymentId),
                report,
                DeploymentOrder.class,
                DEPLOYMENT));
    }

    /**
     * {@code POST /jobs/ID/objects}: a URL that does one operation on one object of the job's, signed by the
     * orchestrator; refused (403) for an object outside what the job may touch.
     */
    public ObjectGrant grant(String jobId, ObjectGrantRequest request) {
        return required(
                call("POST", "/jobs/" + KilnClient.encode(jobId) + "/objects", request, ObjectGrant.class, CALL));
    }

    /** {@code GET /jobs/ID/objects?prefix=}: the objects under a prefix the job may read. */
    public List<ObjectEntry> objects(String jobId, String prefix) {
        return required(call(
                        "GET",
                        "/jobs/" + KilnClient.encode(jobId) + "/objects?prefix=" + KilnClient.encode(prefix),
                        null,
                        ObjectListing.class,
                        CALL))
                .objects();
    }

    /** {@code POST /jobs/ID/result}: a job's result. */
    public void result(String jobId, JobResult result) {
        call("POST", "/jobs/" + KilnClient.encode(jobId) + "/result", result, Acknowledged.class, DEPLOYMENT);
    }

    /**
     * {@code POST /jobs/ID/handback}: gives a job back unfinished (the agent is stopping); the orchestrator queues it
     * again for another agent.
     */
    public void handBack(String jobId, JobHandBack why) {
        call("POST", "/jobs/" + KilnClient.encode(jobId) + "/handback", why, Acknowledged.class, CALL);
    }

    /**
     * {@code POST /agents/ID/goodbye}: the agent stops; the orchestrator forgets it at once (a job leased to it that
     * it never started is queued again) instead of waiting for its heartbeats to stop.
     */
    public void goodbye() {
        call("POST", "/agents/" + id() + "/goodbye", null, Agent.class, CALL);
    }

    /** An answer the protocol always gives; an empty one means the orchestrator is not what it should be. */
    private static <T> T required(@Nullable T answer) {
        if (answer == null) {
            throw new OrchestratorUnreachableException(
                    "the orchestrator answered nothing where the protocol says it answers", null);
        }
        return answer;
    }

    private String id() {
        return KilnClient.encode(agentId);
    }

    private <T> @Nullable T call(String method, String path, @Nullable Object body, Class<T> answer, Duration within) {
        try {
            return transport.call(method, "/api/v1" + path, body, Transport.Answer.of(answer), within);
        } catch (ApiRefusedException e) {
            if (e.status() >= 500) {
                throw new OrchestratorUnreachableException(
                        "the orchestrator at " + transport.baseUrl() + " failed " + method + " " + path + " ("
                                + e.status() + "): " + e.getMessage(),
                        e);
            }
            throw e;
        } catch (UnreadableAnswerException e) {
            throw new OrchestratorUnreachableException(String.valueOf(e.getMessage()), e);
        }
    }

    /** Nothing to release: the JDK's client closes idle connections itself. */
    @Override
    public void close() {
        // connections are pooled by the JDK's client and closed when idle
    }

    @Override
    public String toString() {
        return "AgentClient[" + agentId + " of " + String.join(",", transport.urls()) + "]";
    }
}
