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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The orchestrator's REST API as the UI calls it: the server's URL and a token. Several URLs (comma-separated) name
 * orchestrators sharing one database: calls go to one until it cannot be reached or answers 503 (on standby), then
 * to the next.
 */
public final class KilnApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The orchestrators' URLs and the one in use, shared by every copy of the API (each user's). */
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
    private final HttpClient http;

    /** The API at {@code server} ({@code http://127.0.0.1:8080}, or several, comma-separated), with {@code token}. */
    public KilnApi(String server, String token) {
        this(
                new Servers(
                        Arrays.stream(server.split(","))
                                .map(String::strip)
                                .filter(u -> !u.isEmpty())
                                .map(u -> u.replaceAll("/+$", ""))
                                .toList(),
                        new AtomicInteger()),
                token,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
    }

    private KilnApi(Servers servers, String token, HttpClient http) {
        if (servers.urls().isEmpty()) {
            throw new UiException("no orchestrator URL given");
        }
        this.servers = servers;
        this.token = token;
        this.http = http;
    }

    /**
     * The API as the user logged in to this session.
     *
     * @throws UiException when nobody is logged in
     */
    public static KilnApi current() {
        return Access.current().map(Access.Login::api).orElseThrow(() -> new UiException("log in first"));
    }

    /** The API as the UI itself (its own token): for logins and the change feed. */
    static KilnApi server() {
        return (KilnApi) VaadinServlet.getCurrent().getServletContext().getAttribute(UiServer.API);
    }

    /** The change events of the UI this request runs in. */
    public static EventFeed feed() {
        return (EventFeed) VaadinServlet.getCurrent().getServletContext().getAttribute(UiServer.FEED);
    }

    /**
     * GETs a path ({@code /api/v1/pipelines}) and answers its JSON.
     *
     * @throws UiException saying what failed and where
     */
    public JsonNode get(String path) {
        return call("GET", path, null);
    }

    /**
     * POSTs {@code body} as JSON to a path and answers the response's JSON.
     *
     * @throws UiException saying what failed and where (the API's own message when it refused)
     */
    public JsonNode post(String path, Object body) {
        return call("POST", path, body);
    }

    /**
     * DELETEs a path and answers the response's JSON.
     *
     * @throws UiException saying what failed
     */
    public JsonNode delete(String path) {
        return call("DELETE", path, null);
    }

    /** Follows a server-sent events path ({@code /api/v1/events}) until the answer is closed. */
    public ServerEvents events(String path, ServerEvents.Listener listener) {
        if (servers.urls().size() > 1) {
            try {
                call("GET", "/api/v1/health", null); // finds the one that leads
            } catch (UiException e) {
                // the stream's own failure says so
            }
        }
        return ServerEvents.open(http, URI.create(servers.now() + path), token, listener);
    }

    /** The orchestrator's base URL, as the UI reaches it (the one in use). */
    public String baseUrl() {
        return servers.now();
    }

    /** The same server with another token (a user's, after logging in). */
    public KilnApi as(String otherToken) {
        return new KilnApi(servers, otherToken, http);
    }

    private JsonNode call(String method, String path, Object payload) {
        for (int tries = 1; ; tries++) {
            String server = servers.now();
            try {
                return call(server, method, path, payload);
            } catch (UiException e) {
                boolean unavailable = !(e instanceof ApiRefusedException refused) || refused.status() == 503;
                if (!unavailable || tries >= servers.urls().size()) {
                    throw e;
                }
                servers.next(server);
            }
        }
    }

    private JsonNode call(String server, String method, String path, Object payload) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
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
            JsonNode body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            if (response.statusCode() >= 400) {
                throw new ApiRefusedException(
                        response.statusCode(),
                        body.path("error")
                                .asText("the orchestrator answered " + response.statusCode() + " to " + method + " "
                                        + path));
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
        return "KilnApi[" + String.join(",", servers.urls()) + "]";
    }
}
