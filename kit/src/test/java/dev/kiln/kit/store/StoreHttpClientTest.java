package dev.kiln.kit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object stores' HTTP client against a real HTTPS server whose certificate no JVM trusts: trusted when
 * {@code SSL_CERT_FILE} or {@code SSL_CERT_DIR} names it, refused when nothing does.
 */
class StoreHttpClientTest {
    private static final String PASSWORD = "test-store-pass";

    @TempDir
    static Path dir;

    static HttpsServer server;
    static Path certificate;

    @BeforeAll
    static void start() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool(
                "-genkeypair",
                "-alias",
                "server",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASSWORD);
        certificate = dir.resolve("server.pem");
        keytool(
                "-exportcert",
                "-rfc",
                "-alias",
                "server",
                "-file",
                certificate.toString(),
                "-keystore",
                keystore.toString(),
                "-storepass",
                PASSWORD);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            byte[] body = "stored".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("keytool.log").toFile())
                .start();
        assertThat(process.waitFor())
                .as(Files.readString(dir.resolve("keytool.log")))
                .isZero();
    }

    private static String get(OkHttpClient client) throws Exception {
        Request request = new Request.Builder()
                .url("https://127.0.0.1:" + server.getAddress().getPort() + "/")
                .build();
        try (Response response = client.newCall(request).execute()) {
            return response.body().string();
        }
    }

    @Test
    void a_certificate_named_by_ssl_cert_file_is_trusted_beside_the_jvms() throws Exception {
        assertThat(get(StoreHttpClient.create(Map.of("SSL_CERT_FILE", certificate.toString()))))
                .isEqualTo("stored");
    }

    @Test
    void a_directory_named_by_ssl_cert_dir_is_read_passing_over_files_that_hold_no_certificate() throws Exception {
        Path certs = Files.createDirectories(dir.resolve("certs"));
        Files.copy(certificate, certs.resolve("server.pem"));
        Files.createSymbolicLink(certs.resolve("0a1b2c3d.0"), certs.resolve("server.pem"));
        Files.writeString(certs.resolve("README"), "not a certificate\n");
        Files.createDirectories(certs.resolve("nested"));

        assertThat(StoreHttpClient.extraCertificates(Map.of("SSL_CERT_DIR", "/nowhere:" + certs)))
                .hasSize(1);
        assertThat(get(StoreHttpClient.create(Map.of("SSL_CERT_DIR", certs.toString()))))
                .isEqualTo("stored");
    }

    @Test
    void without_them_an_unknown_certificate_is_refused() {
        assertThatThrownBy(() -> get(StoreHttpClient.create(Map.of()))).isInstanceOf(SSLHandshakeException.class);
        assertThatThrownBy(() -> get(StoreHttpClient.create(Map.of("SSL_CERT_FILE", "/nowhere/ca.pem"))))
                .isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void one_client_serves_every_store_of_the_process() {
        assertThat(StoreHttpClient.forEndpoint("http://127.0.0.1:9000"))
                .isSameAs(StoreHttpClient.forEndpoint("http://127.0.0.1:9001"));
        assertThat(StoreHttpClient.forEndpoint("HTTPS://s3.example"))
                .isSameAs(StoreHttpClient.forEndpoint("https://other.example"))
                .isNotSameAs(StoreHttpClient.forEndpoint("http://127.0.0.1:9000"));
    }
}
