package dev.kiln.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.kit.remote.ServerConfig;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The orchestrator's API for the command line: JSON in and out, failures as {@link ApiCallException}. */
final class ApiClient {
    static final ObjectMapper JSON = new ObjectMapper();

    private final ServerConfig config;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiClient(ServerConfig config) {
        this.config = config;
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Object body) {
        return send("POST", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.server() + path))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + config.token())
                    .header("Accept", "application/json");
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode answer = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new ApiCallException(
                        response.statusCode(),
                        answer.path("error").asText("the orchestrator answered " + response.statusCode()));
            }
            return answer;
        } catch (ConnectException e) {
            throw new ApiCallException(
                    0,
                    "cannot reach the orchestrator at " + config.server()
                            + ": is kiln up running? (or pass --server URL)");
        } catch (IOException e) {
            throw new ApiCallException(0, "calling the orchestrator at " + config.server() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiCallException(0, "interrupted");
        }
    }
}
