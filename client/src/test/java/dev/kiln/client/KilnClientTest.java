package dev.kiln.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.HealthStatus;
import dev.kiln.model.api.NewRun;
import dev.kiln.model.api.Run;
import dev.kiln.model.api.Trigger;
import dev.kiln.model.job.AgentHello;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's own behaviour, against small HTTP servers in this JVM that answer as a leader, a standby, a refusal or
 * a stranger would: records read in the services' words, refusals with the orchestrator's message, failover, and the
 * agent protocol's headers. (The real server's answers are checked against openapi.yaml by the contract test.)
 */
class KilnClientTest {
    private static final String RUN = """
            {"id": "7", "pipeline": "shop", "repository": "shop", "status": "InProgress", "message": "",
             "trigger": "webhook", "ref": "refs/heads/main", "sourceRevision": "0123456789abcdef",
             "commitTitle": null, "author": null, "startTime": "2026-12-01T10:00:00.123456Z", "endTime": null,
             "stages": [{"name": "Source", "status": "Succeeded", "actions": [
               {"name": "Source", "type": "source", "status": "Succeeded", "message": "0123", "attempt": 1,
                "deadline": null, "runOrder": 1}]},
               {"name": "approve", "status": null, "actions": []}],
             "history": null, "aFieldANewerServerAdds": true}
            """;

    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, String> seen = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        servers.forEach(s -> s.stop(0));
    }

    /** A server answering every request with what {@code answer} says: a status and a body. */
    private String server(Function<HttpExchange, Map.Entry<Integer, String>> answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            seen.put("path", exchange.getRequestURI().toString());
            seen.put("method", exchange.getRequestMethod());
            seen.put("agent", String.valueOf(exchange.getRequestHeaders().getFirst("X-Kiln-Agent")));
            seen.put(
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            seen.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            Map.Entry<Integer, String> reply = answer.apply(exchange);
            byte[] body = reply.getValue().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.getKey(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String nowhere() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort(); // closed again: nothing listens there
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void answers_are_records_in_the_services_words_and_requests_go_as_json() throws IOException {
        String url = server(x -> Map.entry(201, RUN));
        KilnClient client = new KilnClient(url, "t0ken");

        Run run = client.startRun(new NewRun("shop", null));

        assertThat(seen).containsEntry("method", "POST").containsEntry("path", "/api/v1/runs");
        assertThat(seen.get("authorization")).isEqualTo("Bearer t0ken");
        assertThat(seen.get("body")).isEqualTo("{\"pipeline\":\"shop\",\"ref\":null}");
        assertThat(run.status()).isEqualTo(ExecutionStatus.IN_PROGRESS);
        assertThat(run.trigger()).isEqualTo(Trigger.WEBHOOK);
        assertThat(run.active()).isTrue();
        assertThat(run.stages().get(0).actions().get(0).status()).isEqualTo(ExecutionStatus.SUCCEEDED);
        assertThat(run.stages().get(1).status()).as("not started").isNull();
        assertThat(run.startTime()).hasToString("2026-12-01T10:00:00.123456Z");
        assertThat(KilnClient.toJsonLine(run)).contains("\"status\":\"InProgress\"", "\"trigger\":\"webhook\"");
    }

    @Test
    void a_refusal_carries_the_orchestrators_message_and_status() throws IOException {
        String url = server(x -> Map.entry(404, "{\"error\": \"no run 99\"}"));

        assertThatThrownBy(() -> new KilnClient(url, "t").run("99"))
                .isInstanceOfSatisfying(
                        ApiRefusedException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("no run 99");
        assertThat(seen.get("path")).isEqualTo("/api/v1/runs/99");
    }

    @Test
    void a_refusal_without_a_json_body_says_what_was_asked() throws IOException {
        String url = server(x -> Map.entry(502, ""));

        assertThatThrownBy(() -> new KilnClient(url, "t").pipelines())
                .isInstanceOf(ApiRefusedException.class)
                .hasMessage("the orchestrator answered 502 to GET /api/v1/pipelines");
    }

    @Test
    void an_answer_that_is_not_the_record_is_unreadable_not_a_crash() throws IOException {
        String url = server(x -> Map.entry(200, "{\"id\": \"7\", \"status\": \"Running\"}"));

        assertThatThrownBy(() -> new KilnClient(url, "t").run("7"))
                .isInstanceOf(UnreadableAnswerException.class)
                .hasMessageContaining("GET /api/v1/runs/7")
                .hasMessageContaining("another version of Kiln");
    }

    @Test
    void calls_move_on_from_a_standby_and_from_an_orchestrator_that_is_gone() throws IOException {
        String standby = server(x -> Map.entry(503, "{\"error\": \"standby: another orchestrator leads\"}"));
        String leader = server(x -> Map.entry(200, "{\"status\": \"ok\"}"));
        String gone = nowhere();

        KilnClient client = new KilnClient(gone + "," + standby + ", " + leader + "/", "t");

        assertThat(client.health().status()).isEqualTo(HealthStatus.OK);
        assertThat(client.baseUrl()).isEqualTo(leader);
        assertThat(client.as("other").baseUrl())
                .as("a user's copy shares the one in use")
                .isEqualTo(leader);
    }

    @Test
    void an_orchestrator_that_cannot_be_reached_says_where_and_what_to_do() {
        String gone = nowhere();

        assertThatThrownBy(() -> new KilnClient(gone, "t").runs(Optional.of("a b"), 5))
                .isInstanceOf(OrchestratorUnreachableException.class)
                .hasMessageContaining("cannot reach the orchestrator at " + gone)
                .hasMessageContaining("--server URL");
        assertThatThrownBy(() -> new KilnClient(" , ", "t"))
                .isInstanceOf(ClientException.class)
                .hasMessage("no orchestrator URL given");
    }

    @Test
    void query_values_and_path_segments_are_encoded() throws IOException {
        String url = server(x -> Map.entry(200, "[]"));
        KilnClient client = new KilnClient(url, "t");

        assertThat(client.runs(Optional.of("a b&c"), 5)).isEmpty();
        assertThat(seen.get("path")).isEqualTo("/api/v1/runs?limit=5&pipeline=a%20b%26c");
        assertThat(client.deployments("", 3)).isEmpty();
        assertThat(seen.get("path")).isEqualTo("/api/v1/deployments?limit=3");
        client.jobs("../users");
        assertThat(seen.get("path")).isEqualTo("/api/v1/runs/..%2Fusers/jobs");
    }

    @Test
    void the_agent_protocol_names_the_agent_and_turns_server_errors_into_try_again() throws IOException {
        String url = server(x -> x.getRequestURI().getPath().endsWith("/lease")
                ? Map.entry(204, "")
                : x.getRequestURI().getPath().endsWith("/heartbeat")
                        ? Map.entry(500, "{\"error\": \"internal error\"}")
                        : Map.entry(409, "{\"error\": \"job j1 is not this agent's\"}"));
        try (AgentClient agent = new AgentClient(url, "agent-token", "a-1")) {
            assertThat(agent.lease(10)).isEmpty();
            assertThat(seen).containsEntry("agent", "a-1").containsEntry("path", "/api/v1/agents/a-1/lease?waitMs=10");

            assertThatThrownBy(() -> agent.heartbeat(List.of("j1")))
                    .isInstanceOf(OrchestratorUnreachableException.class)
                    .hasMessageContaining("(500): internal error");
            assertThat(seen.get("body")).isEqualTo("{\"running\":[\"j1\"]}");

            assertThatThrownBy(() -> agent.started("j1"))
                    .isInstanceOfSatisfying(
                            ApiRefusedException.class,
                            e -> assertThat(e.status()).isEqualTo(409));
        }
    }

    @Test
    void an_agents_hello_says_its_kind_in_the_protocols_word() throws IOException {
        String url = server(x -> Map.entry(200, "{\"heartbeatSeconds\": 5, \"store\": null}"));
        try (AgentClient agent = new AgentClient(url, "agent-token", "a-1")) {
            assertThat(agent.hello(new AgentHello("box", AgentKind.DEPLOY, List.of("linux"), 2, List.of()))
                            .heartbeatSeconds())
                    .isEqualTo(5);
        }
        assertThat(seen.get("method")).isEqualTo("PUT");
        assertThat(seen.get("body")).contains("\"kind\":\"deploy\"");
    }
}
