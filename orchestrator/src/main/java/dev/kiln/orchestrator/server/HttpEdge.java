package dev.kiln.orchestrator.server;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The API's HTTP server with limits on what a connection may hold: a connection that sends nothing for
 * {@link #IDLE_SECONDS} is closed (the longest agent long poll is 60 s, and event and log streams send a comment
 * every 15 s), one that has not sent a whole request head within {@link #HEAD_SECONDS} of connecting is closed, and
 * request heads are limited to Vert.x's defaults (a 4 KiB request line, 8 KiB of headers).
 */
final class HttpEdge {
    /** Seconds without a byte in either direction before a connection is closed. */
    static final int IDLE_SECONDS = 120;
    /** Seconds a new connection has to send its first request's line and headers. */
    static final long HEAD_SECONDS = 30;

    private HttpEdge() {}

    /** A server that routes with {@code router}, not yet listening. */
    static HttpServer create(Vertx vertx, Router router) {
        HttpServer server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(IDLE_SECONDS));
        Map<HttpConnection, Long> waiting = new ConcurrentHashMap<>();
        server.connectionHandler(connection -> {
            long timer = vertx.setTimer(HEAD_SECONDS * 1000, t -> {
                if (waiting.remove(connection) != null) {
                    connection.close();
                }
            });
            waiting.put(connection, timer);
            connection.closeHandler(v -> {
                Long pending = waiting.remove(connection);
                if (pending != null) {
                    vertx.cancelTimer(pending);
                }
            });
        });
        server.requestHandler(request -> {
            Long pending = waiting.remove(request.connection());
            if (pending != null) {
                vertx.cancelTimer(pending);
            }
            router.handle(request);
        });
        return server;
    }
}
