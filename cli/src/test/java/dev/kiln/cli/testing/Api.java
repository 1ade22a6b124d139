package dev.kiln.cli.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Plain HTTP calls to the API, for tests that check statuses and bodies. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String server;
    private final String token;

    public Api(String server, String token) {
        this.server = server;
        this.token = token;
    }

    /** An answer: status and JSON body (null node when empty). */
    public record Answer(int status, JsonNode body) {
        /** The body read into the API's own record for it. */
        public <T> T as(Class<T> type) {
            return dev.kiln.client.KilnClient.fromJson(body.toString(), type);
        }

        /** The message of an error answer. */
        public String error() {
            return as(dev.kiln.model.api.ApiError.class).error();
        }
    }

    public Answer get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Answer post(String path, String body) {
        return send("POST", path, body, Map.of());
    }

    public Answer send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode node = response.body().isEmpty()
                    ? JSON.nullNode()
                    : response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")
                            ? JSON.readTree(response.body())
                            : JSON.getNodeFactory().textNode(response.body());
            return new Answer(response.statusCode(), node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
