package dev.kiln.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.vaadin.flow.server.VaadinServlet;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The orchestrator's REST API as the UI calls it: the server's URL and a token. */
public final class KilnApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String server;
    private final String token;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** The API at {@code server} ({@code http://127.0.0.1:8080}), called with {@code token}. */
    public KilnApi(String server, String token) {
        this.server = server.replaceAll("/+$", "");
        this.token = token;
    }

    /** The API of the UI this request runs in. */
    static KilnApi current() {
        return (KilnApi) VaadinServlet.getCurrent().getServletContext().getAttribute(UiServer.API);
    }

    /**
     * GETs a path ({@code /api/v1/pipelines}) and answers its JSON.
     *
     * @throws UiException saying what failed and where
     */
    public JsonNode get(String path) {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(URI.create(server + path))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new UiException("the orchestrator answered " + response.statusCode() + " to GET " + path + ": "
                        + body.path("error").asText(""));
            }
            return body;
        } catch (ConnectException e) {
            throw new UiException("cannot reach the orchestrator at " + server + ": is kiln up running?", e);
        } catch (IOException e) {
            throw new UiException("calling the orchestrator at " + server + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UiException("interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "KilnApi[" + server + "]";
    }
}
