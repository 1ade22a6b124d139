package dev.kiln.orchestrator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Error answers over real HTTP: Kiln's own failures say what failed; anything else says only that it did. */
class ResponsesTest {
    static Vertx vertx;
    static HttpServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.get("/fault")
                .handler(ctx -> Responses.error(
                        ctx, new IllegalStateException("org.postgresql.util.PSQLException at /var/lib/kiln secret")));
        router.get("/ours").handler(ctx -> Responses.error(ctx, new NotFoundException("no run 9")));
        server = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0, "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.actualPort() + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void an_unexpected_failure_answers_500_with_a_reference_and_none_of_its_text() throws Exception {
        HttpResponse<String> answer = get("/fault");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body())
                .contains("could not complete this call (reference ")
                .doesNotContain("PSQLException", "IllegalStateException", "/var/lib/kiln", "secret");
    }

    @Test
    void kilns_own_failures_keep_their_status_and_message() throws Exception {
        HttpResponse<String> answer = get("/ours");

        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).isEqualTo("{\"error\":\"no run 9\"}");
    }
}
