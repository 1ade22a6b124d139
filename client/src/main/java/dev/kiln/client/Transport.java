package dev.kiln.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiln.model.api.ApiError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * HTTP and JSON under the client: the orchestrators' URLs (one, or several sharing a database: calls go to one until
 * it cannot be reached or answers 503 on standby, then to the next), the token, and the answers read into records.
 */
final class Transport {
    static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // a newer server may say more than this client knows
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** The orchestrators' URLs and the one in use, shared by every copy (each user's, in the UI). */
    private record Servers(List<String> urls, AtomicInteger current) {
        String now() {
            return urls.get(current.get() % urls.size());
        }

        void next(String failed) {
            int at = urls.indexOf(failed);
            current.compareAndSet(at, (at + 1) % urls.size());
        }
    }

    private final Servers servers;
    private final String token;
    private final Map<String, String> headers;
    private final HttpClient http;
    private final Duration timeout;

    /** Calls to {@code urls} (comma-separated) with {@code token} and {@code headers}, each within {@code timeout}. */
    Transport(String urls, String token, Map<String, String> headers, Duration timeout) {
        this(
                new Servers(
                        Arrays.stream(urls.split(","))
                                .map(String::strip)
                                .filter(u -> !u.isEmpty())
                                .map(u -> u.replaceAll("/+$", ""))
                                .toList(),
                        new AtomicInteger()),
                token,
                headers,
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(5))
                        .build(),
                timeout);
    }

    private Transport(Servers servers, String token, Map<String, String> headers, HttpClient http, Duration timeout) {
        if (servers.urls().isEmpty()) {
            throw new ClientException("no orchestrator URL given");
        }
        this.servers = servers;
        this.token = token;
        this.headers = Map.copyOf(headers);
        this.http = http;
        this.timeout = timeout;
    }

    Transport as(String otherToken) {
        return new Transport(servers, otherToken, headers, http, timeout);
    }

    String baseUrl() {
        return servers.now();
    }

    List<String> urls() {
        return servers.urls();
    }

    HttpClient http() {
        return http;
    }

    String token() {
        return token;
    }

    /**
     * What an answer is read as: a record, or a list of them. {@code T} is the type the call answers.
     *
     * @param type Jackson's description of it
     */
    @SuppressWarnings("UnusedTypeParameter") // T carries the answer's type from the factory to the call
    record Answer<T>(JavaType type) {
        static <T> Answer<T> of(Class<T> type) {
            return new Answer<>(JSON.getTypeFactory().constructType(type));
        }

        static <T> Answer<List<T>> listOf(Class<T> element) {
            return new Answer<>(JSON.getTypeFactory().constructCollectionType(List.class, element));
        }
    }

    /** One call; its answer, or null when it answered nothing (204). */
    <T> @Nullable T call(String method, String path, @Nullable Object body, Answer<T> answer) {
        return call(method, path, body, answer, timeout);
    }

    /**
     * One call, answered as {@code answer} (null for an empty answer, 204); tried on the next orchestrator when one
     * cannot be reached or stands by (503).
     */
    <T> @Nullable T call(String method, String path, @Nullable Object body, Answer<T> answer, Duration within) {
        for (int tries = 1; ; tries++) {
            String server = servers.now();
            try {
                return call(server, method, path, body, answer, within);
            } catch (ClientException e) {
                boolean unavailable = !(e instanceof ApiRefusedException refused) || refused.status() == 503;
                if (!unavailable || tries >= servers.urls().size()) {
                    throw e;
                }
                servers.next(server);
            }
        }
    }

    private <T> @Nullable T call(
            String server, String method, String path, @Nullable Object payload, Answer<T> answer, Duration within) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                    .timeout(within)
                    .header("Accept", "application/json");
            headers.forEach(request::header);
            if (token != null && !token.isEmpty()) {
                request.header("Authorization", "Bearer " + token);
            }
            if (payload == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(payload)));
            }
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 400) {
                throw new ApiRefusedException(response.statusCode(), refusal(method, path, response));
            }
            if (response.body().length == 0) {
                return null;
            }
            return JSON.readValue(response.body(), answer.type());
        } catch (ConnectException e) {
            throw new OrchestratorUnreachableException(
                    "cannot reach the orchestrator at " + server + ": is kiln up running? (or pass --server URL)", e);
        } catch (JsonProcessingException e) {
            throw new UnreadableAnswerException(
                    method + " " + path + ": the orchestrator at " + server + " answered what this client cannot read"
                            + " (is it another version of Kiln?): " + e.getOriginalMessage(),
                    e);
        } catch (IOException e) {
            throw new OrchestratorUnreachableException(
                    "calling the orchestrator at " + server + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OrchestratorUnreachableException("interrupted while calling the orchestrator", e);
        }
    }

    private static String refusal(String method, String path, HttpResponse<byte[]> response) {
        String fallback = "the orchestrator answered " + response.statusCode() + " to " + method + " " + path;
        try {
            ApiError error = JSON.readValue(response.body(), ApiError.class);
            return error == null || error.error() == null || error.error().isBlank() ? fallback : error.error();
        } catch (IOException e) {
            String text = new String(response.body(), StandardCharsets.UTF_8).strip();
            return text.isEmpty() || text.length() > 300 ? fallback : fallback + ": " + text;
        }
    }
}
