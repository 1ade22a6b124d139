package dev.kiln.orchestrator.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A private repository served over smart HTTP by git's own {@code git http-backend}, behind basic authentication, as
 * forges serve them: read with its credentials, refused without, and no message shows the token.
 */
class GitMirrorsCredentialsTest {
    private static final String USER = "ci-bot";
    private static final String TOKEN = "ghp_private_token_1234567890";

    @TempDir
    Path dir;

    private HttpServer server;
    private String url;
    private String commit;

    @BeforeEach
    void serve() throws Exception {
        Path root = dir.resolve("served");
        Path work = dir.resolve("work");
        git(dir, "init", "-q", "--bare", root.resolve("shop.git").toString());
        git(dir, "init", "-q", "-b", "main", work.toString());
        java.nio.file.Files.writeString(work.resolve("README.md"), "# private\n");
        git(work, "add", ".");
        git(work, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "start");
        git(work, "push", "-q", root.resolve("shop.git").toString(), "main");
        commit = git(work, "rev-parse", "HEAD").strip();

        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> backend(exchange, root));
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/shop.git";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_private_repository_is_read_with_its_credentials_and_refused_without_them() {
        GitMirrors mirrors = new GitMirrors(dir.resolve("mirrors"));

        Map<String, String> heads = mirrors.fetch("shop", url, Optional.of(new GitCredentials(USER, TOKEN)));
        assertThat(heads).containsEntry("refs/heads/main", commit);

        assertThatThrownBy(() -> mirrors.fetch("other", url, Optional.empty()))
                .isInstanceOf(UnableToReadRepositoryException.class)
                .hasMessageContaining("needs credentials: kiln repos add URL --credentials FILE");
        assertThatThrownBy(() -> mirrors.fetch("third", url, Optional.of(new GitCredentials(USER, TOKEN + "x"))))
                .isInstanceOf(UnableToReadRepositoryException.class)
                .hasMessageContaining("its credentials")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void a_url_with_a_password_is_recognized_and_shown_without_it() {
        assertThat(GitCredentials.hasPassword("https://bot:" + TOKEN + "@git.example/shop.git"))
                .isTrue();
        assertThat(GitCredentials.hasPassword("https://git.example/shop.git")).isFalse();
        assertThat(GitCredentials.hasPassword("git@git.example:team/shop.git")).isFalse();
        assertThat(GitCredentials.shown("https://bot:" + TOKEN + "@git.example/shop.git"))
                .isEqualTo("https://git.example/shop.git");
        assertThat(new GitCredentials(USER, TOKEN).toString()).doesNotContain(TOKEN);
        assertThat(GitCredentials.fromSealable(new GitCredentials(USER, TOKEN).sealable()))
                .isEqualTo(new GitCredentials(USER, TOKEN));
    }

    /** Basic authentication, then git's CGI program for smart HTTP. */
    private static void backend(HttpExchange exchange, Path root) throws IOException {
        String expected =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + TOKEN).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        ProcessBuilder cgi = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = cgi.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("REMOTE_USER", USER);
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        env.put(
                "QUERY_STRING",
                Optional.ofNullable(exchange.getRequestURI().getRawQuery()).orElse(""));
        env.put(
                "CONTENT_TYPE",
                Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                        .orElse(""));
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        Process process = cgi.start();
        try (OutputStream in = process.getOutputStream();
                InputStream body = exchange.getRequestBody()) {
            body.transferTo(in);
        }
        byte[] out = process.getInputStream().readAllBytes();
        int split = indexOf(out, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(out, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        String head = new String(out, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1);
        int status = 200;
        for (String line : head.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.substring(0, 3));
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        byte[] content = java.util.Arrays.copyOfRange(out, split + skip, out.length);
        exchange.sendResponseHeaders(status, content.length == 0 ? -1 : content.length);
        if (content.length > 0) {
            exchange.getResponseBody().write(content);
        }
        exchange.close();
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        for (int i = 0; i + pattern.length <= data.length; i++) {
            if (java.util.Arrays.equals(data, i, i + pattern.length, pattern, 0, pattern.length)) {
                return i;
            }
        }
        return -1;
    }

    private static String git(Path in, String... args) throws IOException, InterruptedException {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git"));
        command.addAll(java.util.List.of(args));
        Process process = new ProcessBuilder(command)
                .directory(in.toFile())
                .redirectErrorStream(true)
                .start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        process.getInputStream().transferTo(out);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + ": " + out);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
