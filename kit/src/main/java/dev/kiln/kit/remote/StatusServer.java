package dev.kiln.kit.remote;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * An agent's own small HTTP server: {@code GET /health} (200 while the orchestrator answers it, else 503, for
 * container health checks) and {@code GET /metrics} (Prometheus text).
 */
public final class StatusServer implements AutoCloseable {
    private final HttpServer http;

    private StatusServer(HttpServer http) {
        this.http = http;
    }

    /**
     * Serves {@code status} on {@code host:port}.
     *
     * @throws IOException when the address cannot be bound
     */
    public static StatusServer start(String host, int port, AgentStatus status) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 16);
        PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        http.createContext("/health", exchange -> {
            boolean connected = status.connected();
            String body = connected
                    ? "ok: connected, " + status.running() + " job(s) running\n"
                    : "not connected: the orchestrator last answered "
                            + status.sinceContact().toSeconds() + " s ago\n";
            send(exchange, connected ? 200 : 503, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
        });
        http.createContext("/metrics", exchange -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            writer.write(out, status.registry().scrape(), io.prometheus.metrics.config.EscapingScheme.ALLOW_UTF8);
            send(exchange, 200, writer.getContentType(), out.toByteArray());
        });
        http.setExecutor(null);
        http.start();
        return new StatusServer(http);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        try (exchange) {
            exchange.getResponseHeaders().set("Content-Type", type);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The port it listens on. */
    public int port() {
        return http.getAddress().getPort();
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
