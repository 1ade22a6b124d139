package dev.kiln.kit.remote;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.model.api.ApiError;
import dev.kiln.model.api.LogAccepted;
import dev.kiln.model.deploy.DeploymentOrder;
import dev.kiln.model.deploy.DeploymentReport;
import dev.kiln.model.job.AgentHello;
import dev.kiln.model.job.AgentWelcome;
import dev.kiln.model.job.Heartbeat;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.job.LogBatch;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The agent protocol over HTTP, one blocking call at a time per caller thread. Thread-safe. */
public final class OrchestratorClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Vertx vertx;
    private final WebClient client;
    private final List<URI> servers;
    private volatile int current;
    private final String token;
    private final String agentId;

    /** A client for one agent of one orchestrator. */
    public OrchestratorClient(URI server, String token, String agentId) {
        this(List.of(server), token, agentId);
    }

    /**
     * A client for one agent of several orchestrators sharing one database (one leads, the others stand by): calls
     * go to one until it fails to answer or answers 5xx (a standby's 503), then to the next.
     */
    public OrchestratorClient(List<URI> servers, String token, String agentId) {
        this.vertx = Vertx.vertx();
        this.client = WebClient.create(
                vertx,
                new WebClientOptions().setKeepAlive(true).setMaxPoolSize(16).setConnectTimeout(5000));
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("no orchestrator URL");
        }
        this.servers = List.copyOf(servers);
        this.token = token;
        this.agentId = agentId;
    }

    /** The agent's id. */
    public String agentId() {
        return agentId;
    }

    /** Says hello. */
    public AgentWelcome hello(AgentHello hello) {
        return read(call(HttpMethod.PUT, "/api/v1/agents/" + agentId, hello, 15_000), AgentWelcome.class);
    }

    /** Waits up to {@code waitMs} for a job. */
    public Optional<JobSpec> lease(long waitMs) {
        HttpResponse<Buffer> response =
                call(HttpMethod.POST, "/api/v1/agents/" + agentId + "/lease?waitMs=" + waitMs, null, waitMs + 15_000);
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(read(response, JobSpec.class));
    }

    /** Beats; answers the jobs to stop. */
    public List<String> heartbeat(List<String> running) {
        return read(
                        call(
                                HttpMethod.POST,
                                "/api/v1/agents/" + agentId + "/heartbeat",
                                new Heartbeat(running),
                                15_000),
                        Heartbeat.class)
                .running();
    }

    /** Says a job's build started. */
    public void started(String jobId) {
        call(HttpMethod.POST, "/api/v1/jobs/" + jobId + "/started", null, 15_000);
    }

    /** Sends log lines; answers how many the job now has. */
    public long log(String jobId, LogBatch batch) {
        return read(call(HttpMethod.POST, "/api/v1/jobs/" + jobId + "/log", batch, 15_000), LogAccepted.class)
                .lines();
    }

    /**
     * Starts the deployment of a leased deploy job: the orchestrator records it and answers what to deploy where.
     */
    public DeploymentOrder beginDeployment(String jobId) {
        return read(
                call(HttpMethod.POST, "/api/v1/jobs/" + jobId + "/deployment", null, 30_000), DeploymentOrder.class);
    }

    /**
     * Reports how a deployment of a deploy job ended; the orchestrator answers the rollback to run next, if one is
     * due (an automatic rollback after a failure), else nothing.
     */
    public Optional<DeploymentOrder> reportDeployment(String jobId, String deploymentId, DeploymentReport report) {
        HttpResponse<Buffer> response =
                call(HttpMethod.POST, "/api/v1/jobs/" + jobId + "/deployments/" + deploymentId, report, 30_000);
        if (response.statusCode() == 204) {
            return Optional.empty();
        }
        return Optional.of(read(response, DeploymentOrder.class));
    }

    /** Reports a job's result. */
    public void result(String jobId, JobResult result) {
        call(HttpMethod.POST, "/api/v1/jobs/" + jobId + "/result", result, 30_000);
    }

    /** Splits {@code a,b,c} into the orchestrators' URLs. */
    public static List<URI> servers(String urls) {
        List<URI> out = new java.util.ArrayList<>();
        for (String url : urls.split(",")) {
            if (!url.isBlank()) {
                out.add(URI.create(url.strip()));
            }
        }
        return out;
    }

    private HttpResponse<Buffer> call(HttpMethod method, String path, Object body, long timeoutMs) {
        int index = current;
        try {
            return call(servers.get(index), method, path, body, timeoutMs);
        } catch (OrchestratorUnavailableException e) {
            if (servers.size() > 1 && current == index) {
                current = (index + 1) % servers.size(); // the next call tries the next orchestrator
            }
            throw e;
        }
    }

    private HttpResponse<Buffer> call(URI server, HttpMethod method, String path, Object body, long timeoutMs) {
        URI uri = server.resolve(path);
        HttpRequest<Buffer> request = client.requestAbs(method, uri.toString())
                .putHeader("Authorization", "Bearer " + token)
                .putHeader("X-Kiln-Agent", agentId)
                .timeout(timeoutMs);
        HttpResponse<Buffer> response;
        try {
            var future = body == null
                    ? request.send()
                    : request.putHeader("Content-Type", "application/json")
                            .sendBuffer(Buffer.buffer(JSON.writeValueAsBytes(body)));
            response = future.toCompletionStage().toCompletableFuture().get(timeoutMs + 5000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new OrchestratorUnavailableException(
                    "the orchestrator at " + server + " did not answer " + method + " " + path + ": "
                            + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException | IOException e) {
            throw new OrchestratorUnavailableException(
                    "the orchestrator at " + server + " did not answer " + method + " " + path + " in time", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorUnavailableException("interrupted", e);
        }
        if (response.statusCode() >= 500) {
            throw new OrchestratorUnavailableException(
                    "the orchestrator at " + server + " failed " + method + " " + path + " (" + response.statusCode()
                            + "): "
                            + message(response),
                    null);
        }
        if (response.statusCode() >= 400) {
            throw new RefusedByOrchestratorException(response.statusCode(), message(response));
        }
        return response;
    }

    private static String message(HttpResponse<Buffer> response) {
        try {
            ApiError error = JSON.readValue(response.body().getBytes(), ApiError.class);
            return error == null || error.error() == null ? response.bodyAsString() : error.error();
        } catch (IOException | RuntimeException e) {
            return response.bodyAsString();
        }
    }

    private static <T> T read(HttpResponse<Buffer> response, Class<T> type) {
        try {
            return JSON.readValue(response.body().getBytes(), type);
        } catch (IOException e) {
            throw new OrchestratorUnavailableException(
                    "the orchestrator's answer is not readable: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
        vertx.close();
    }
}
