package dev.kiln.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Git's own smart-HTTP server ({@code git http-backend}, run as CGI per request) on loopback, behind HTTP basic
 * authentication, serving the bare repositories under a directory.
 */
public final class GitHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger refused = new AtomicInteger();

    private GitHttpServer(HttpServer server) {
        this.server = server;
    }

    /** Serves the repositories under {@code root} to {@code user} with {@code password}. */
    public static GitHttpServer start(Path root, String user, String password) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        GitHttpServer server = new GitHttpServer(http);
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        http.createContext("/", exchange -> {
            try (exchange) {
                if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                    server.refused.incrementAndGet();
                    exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                cgi(exchange, root, user);
            }
        });
        http.setExecutor(Executors.newCachedThreadPool());
        http.start();
        return server;
    }

    /** The URL of a repository under the root ({@code http://127.0.0.1:PORT/NAME}). */
    public String url(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    /** How many requests were refused for want of the right login. */
    public int refused() {
        return refused.get();
    }

    private static void cgi(HttpExchange exchange, Path root, String user) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = builder.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        env.put("REMOTE_USER", user);
        env.put("REMOTE_ADDR", "127.0.0.1");
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null) {
            env.put("CONTENT_TYPE", type);
        }
        String protocol = exchange.getRequestHeaders().getFirst("Git-Protocol");
        if (protocol != null) {
            env.put("GIT_PROTOCOL", protocol);
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if ("gzip".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
            env.put("HTTP_CONTENT_ENCODING", "gzip");
        }
        env.put("CONTENT_LENGTH", Integer.toString(body.length));
        Process process = builder.start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(body);
        }
        process.getErrorStream().close();
        try (InputStream out = process.getInputStream()) {
            int status = 200;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b; (b = out.read()) >= 0; ) {
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String header = line.toString(StandardCharsets.ISO_8859_1).strip();
                line.reset();
                if (header.isEmpty()) {
                    break;
                }
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).strip();
                String value = header.substring(colon + 1).strip();
                if (name.equalsIgnoreCase("Status")) {
                    status = Integer.parseInt(value.substring(0, 3));
                } else {
                    exchange.getResponseHeaders().add(name, value);
                }
            }
            exchange.sendResponseHeaders(status, 0);
            try (OutputStream response = exchange.getResponseBody()) {
                out.transferTo(response);
            }
        }
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
