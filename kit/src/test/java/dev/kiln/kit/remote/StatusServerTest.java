package dev.kiln.kit.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** An agent's /health and /metrics over real HTTP on loopback. */
class StatusServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> get(StatusServer server, String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health_follows_the_orchestrator_and_metrics_count_jobs_by_stage_and_status() throws Exception {
        AgentStatus status = new AgentStatus();
        try (StatusServer server = StatusServer.start("127.0.0.1", 0, status)) {
            HttpResponse<String> before = get(server, "/health");
            assertThat(before.statusCode()).isEqualTo(503);
            assertThat(before.body()).startsWith("not connected");

            status.contact(5);
            status.started();
            HttpResponse<String> running = get(server, "/health");
            assertThat(running.statusCode()).isEqualTo(200);
            assertThat(running.body()).contains("1 job(s) running");
            status.finished("build", "SUCCEEDED");
            status.ended();

            String metrics = get(server, "/metrics").body();
            assertThat(metrics)
                    .contains("kiln_agent_jobs_total{stage=\"build\",status=\"SUCCEEDED\"} 1")
                    .contains("kiln_agent_job_duration_seconds_count{stage=\"build\"} 1")
                    .contains("kiln_agent_jobs_running 0")
                    .contains("kiln_agent_connected 1");
        }
    }
}
