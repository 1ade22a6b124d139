package dev.kiln.client;

import dev.kiln.model.api.Agent;
import dev.kiln.model.api.AgentToken;
import dev.kiln.model.api.AgentTokenInfo;
import dev.kiln.model.api.ApprovalDecision;
import dev.kiln.model.api.Credentials;
import dev.kiln.model.api.Deployment;
import dev.kiln.model.api.DrainAgent;
import dev.kiln.model.api.Environment;
import dev.kiln.model.api.Health;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.LogPage;
import dev.kiln.model.api.LoggedOut;
import dev.kiln.model.api.Login;
import dev.kiln.model.api.NewAgentToken;
import dev.kiln.model.api.NewEnvironment;
import dev.kiln.model.api.NewRepository;
import dev.kiln.model.api.NewRun;
import dev.kiln.model.api.NewUser;
import dev.kiln.model.api.PipelineSummary;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Removed;
import dev.kiln.model.api.Repository;
import dev.kiln.model.api.RepositoryChange;
import dev.kiln.model.api.RetryStage;
import dev.kiln.model.api.RollbackRequest;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.StopDeployment;
import dev.kiln.model.api.StopRun;
import dev.kiln.model.api.User;
import dev.kiln.model.build.Report;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The orchestrator's REST API ({@code /api/v1}, described by {@code openapi.yaml}) as typed calls. Each call answers
 * the API's record, or throws a {@link ClientException}: {@link ApiRefusedException} with the orchestrator's own
 * message, {@link OrchestratorUnreachableException} when none answered. Safe to share between threads.
 */
public final class KilnClient {
    private static final String API = "/api/v1";

    private final Transport transport;

    /**
     * A client of the orchestrator at {@code servers} ({@code http://127.0.0.1:8080}, or several, comma-separated)
     * with {@code token} (empty: none, for logging in).
     */
    public KilnClient(String servers, String token) {
        this(new Transport(servers, token, Map.of(), Duration.ofSeconds(60)));
    }

    private KilnClient(Transport transport) {
        this.transport = transport;
    }

    /** The same orchestrators with another token (a user's, after logging in). */
    public KilnClient as(String otherToken) {
        return new KilnClient(transport.as(otherToken));
    }

    /** The URL of the orchestrator in use. */
    public String baseUrl() {
        return transport.baseUrl();
    }

    /** {@code GET /health}: whether it serves (an orchestrator on standby answers 503). */
    public Health health() {
        return get("/health", Health.class);
    }

    /** {@code GET /me}: who the token speaks for. */
    public Principal me() {
        return get("/me", Principal.class);
    }

    /** {@code POST /sessions}: a token for a user. */
    public Login login(Credentials credentials) {
        return post("/sessions", credentials, Login.class);
    }

    /** {@code DELETE /sessions}: revokes this client's token. */
    public LoggedOut logout() {
        return delete("/sessions", LoggedOut.class);
    }

    /** {@code GET /users}. */
    public List<User> users() {
        return list("/users", User.class);
    }

    /** {@code POST /users}. */
    public User addUser(NewUser user) {
        return post("/users", user, User.class);
    }

    /** {@code DELETE /users/NAME}. */
    public Removed removeUser(String name) {
        return delete("/users/" + encode(name), Removed.class);
    }

    /** {@code POST /agent-tokens}: a token for agents. */
    public AgentToken agentToken(NewAgentToken request) {
        return post("/agent-tokens", request, AgentToken.class);
    }

    /** {@code GET /agent-tokens}: the agent tokens, never the tokens themselves. */
    public List<AgentTokenInfo> agentTokens() {
        return list("/agent-tokens", AgentTokenInfo.class);
    }

    /** {@code DELETE /agent-tokens/NAME}: the token is refused from its next call. */
    public Removed revokeAgentToken(String name) {
        return delete("/agent-tokens/" + encode(name), Removed.class);
    }

    /** {@code GET /repositories}. */
    public List<Repository> repositories() {
        return list("/repositories", Repository.class);
    }

    /** {@code POST /repositories}. */
    public Repository addRepository(NewRepository repository) {
        return post("/repositories", repository, Repository.class);
    }

    /** {@code PATCH /repositories/NAME}: what its pipelines are allowed. */
    public Repository editRepository(String name, RepositoryChange change) {
        return required(
                "PATCH",
                "/repositories/" + encode(name),
                call("PATCH", "/repositories/" + encode(name), change, Transport.Answer.of(Repository.class)));
    }

    /** {@code DELETE /repositories/NAME}. */
    public Removed removeRepository(String name) {
        return delete("/repositories/" + encode(name), Removed.class);
    }

    /** {@code GET /pipelines}: each pipeline with its latest run. */
    public List<PipelineSummary> pipelines() {
        return list("/pipelines", PipelineSummary.class);
    }

    /** {@code GET /runs}: the latest runs, of one pipeline or all, newest first. */
    public List<Run> runs(Optional<String> pipeline, int limit) {
        return list(
                "/runs?limit=" + limit
                        + pipeline.map(p -> "&pipeline=" + encode(p)).orElse(""),
                Run.class);
    }

    /** {@code GET /runs/ID}: a run with its history. */
    public Run run(String id) {
        return get("/runs/" + encode(id), Run.class);
    }

    /** {@code POST /runs}: starts a run by hand. */
    public Run startRun(NewRun request) {
        return post("/runs", request, Run.class);
    }

    /** {@code POST /runs/ID/stop}. */
    public Run stopRun(String id, StopRun request) {
        return post("/runs/" + encode(id) + "/stop", request, Run.class);
    }

    /** {@code POST /runs/ID/retry}: retries a failed stage. */
    public Run retry(String id, RetryStage request) {
        return post("/runs/" + encode(id) + "/retry", request, Run.class);
    }

    /** {@code POST /runs/ID/approval}: approves or rejects the approval that waits in a stage. */
    public Run decide(String id, ApprovalDecision decision) {
        return post("/runs/" + encode(id) + "/approval", decision, Run.class);
    }

    /** {@code GET /runs/ID/jobs}: the run's jobs, every attempt. */
    public List<Job> jobs(String runId) {
        return list("/runs/" + encode(runId) + "/jobs", Job.class);
    }

    /** {@code GET /jobs/ID/log}: up to {@code limit} lines of a job's log from line {@code from}. */
    public LogPage log(String jobId, long from, int limit) {
        return get("/jobs/" + encode(jobId) + "/log?from=" + from + "&limit=" + limit, LogPage.class);
    }

    /** {@code GET /jobs/ID/reports}: the test and coverage reports a build job made. */
    public List<Report> reports(String jobId) {
        return list("/jobs/" + encode(jobId) + "/reports", Report.class);
    }

    /** {@code GET /environments}: each with its live deployment. */
    public List<Environment> environments() {
        return list("/environments", Environment.class);
    }

    /** {@code GET /environments/NAME}: with its recent deployments. */
    public Environment environment(String name) {
        return get("/environments/" + encode(name), Environment.class);
    }

    /** {@code POST /environments}. */
    public Environment addEnvironment(NewEnvironment environment) {
        return post("/environments", environment, Environment.class);
    }

    /** {@code DELETE /environments/NAME}. */
    public Removed removeEnvironment(String name) {
        return delete("/environments/" + encode(name), Removed.class);
    }

    /** {@code POST /environments/NAME/rollback}: deploys an earlier revision again. */
    public Deployment rollback(String environment, RollbackRequest request) {
        return post("/environments/" + encode(environment) + "/rollback", request, Deployment.class);
    }

    /** {@code GET /deployments}: the latest, of one environment or all (empty), newest first. */
    public List<Deployment> deployments(String environment, int limit) {
        return list(
                "/deployments?limit=" + limit + (environment.isEmpty() ? "" : "&environment=" + encode(environment)),
                Deployment.class);
    }

    /** {@code GET /deployments/ID}: with each host's lifecycle events. */
    public Deployment deployment(String id) {
        return get("/deployments/" + encode(id), Deployment.class);
    }

    /** {@code POST /deployments/ID/stop}. */
    public Deployment stopDeployment(String id, StopDeployment request) {
        return post("/deployments/" + encode(id) + "/stop", request, Deployment.class);
    }

    /** {@code GET /agents}: the agents connected. */
    public List<Agent> agents() {
        return list("/agents", Agent.class);
    }

    /** {@code POST /agents/ID/drain}. */
    public Agent drain(String id, DrainAgent request) {
        return post("/agents/" + encode(id) + "/drain", request, Agent.class);
    }

    /** {@code DELETE /agents/ID}: forgets an agent; its jobs are queued again or fail. */
    public Agent removeAgent(String id) {
        return delete("/agents/" + encode(id), Agent.class);
    }

    /**
     * Follows a server-sent events path of the API ({@code /events}, {@code /jobs/ID/log/stream?from=N}) on its own
     * thread until it ends or is closed.
     */
    public ServerEvents events(String path, ServerEvents.Listener listener) {
        if (transport.urls().size() > 1) {
            try {
                health(); // finds the one that leads
            } catch (ClientException e) {
                // the stream's own failure says so
            }
        }
        return ServerEvents.open(
                transport.http(), URI.create(transport.baseUrl() + API + path), transport.token(), listener);
    }

    /** An answer (or any record) as the API writes it, indented for people and scripts ({@code --output json}). */
    public static String toJson(Object answer) {
        try {
            return Transport.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ClientException("cannot write " + answer.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /**
     * A record of the API read from JSON the orchestrator wrote (an event's data, say).
     *
     * @throws UnreadableAnswerException when it is not that record
     */
    public static <T> T fromJson(String json, Class<T> type) {
        try {
            return Transport.JSON.readValue(json, type);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UnreadableAnswerException(
                    "the orchestrator sent what this client cannot read as " + type.getSimpleName() + ": "
                            + e.getOriginalMessage(),
                    e);
        }
    }

    /** A record as one line of JSON (JSON Lines). */
    public static String toJsonLine(Object value) {
        try {
            return Transport.JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ClientException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** A path segment or query value, percent-encoded. */
    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T get(String path, Class<T> answer) {
        return required("GET", path, call("GET", path, null, Transport.Answer.of(answer)));
    }

    private <T> T post(String path, @Nullable Object body, Class<T> answer) {
        return required("POST", path, call("POST", path, body, Transport.Answer.of(answer)));
    }

    private <T> T delete(String path, Class<T> answer) {
        return required("DELETE", path, call("DELETE", path, null, Transport.Answer.of(answer)));
    }

    /** An answer the API always gives; an empty one is not what it describes. */
    private static <T> T required(String method, String path, @Nullable T answer) {
        if (answer == null) {
            throw new UnreadableAnswerException(
                    method + " " + API + path + ": the orchestrator answered nothing (is it another version of Kiln?)",
                    null);
        }
        return answer;
    }

    private <T> List<T> list(String path, Class<T> element) {
        List<T> all = call("GET", path, null, Transport.Answer.listOf(element));
        return all == null ? List.of() : all;
    }

    private <T> @Nullable T call(String method, String path, @Nullable Object body, Transport.Answer<T> answer) {
        return transport.call(method, API + path, body, answer);
    }

    @Override
    public String toString() {
        return "KilnClient[" + String.join(",", transport.urls()) + "]";
    }
}
