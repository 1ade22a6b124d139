package dev.kiln.kit.store;

import io.minio.Http;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP client of a process's object stores, made once and shared by all of them: what the MinIO SDK makes for
 * each client it builds (five-minute timeouts, HTTP/1.1, its retry of throttled requests), with the certificates that
 * {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR} name trusted beside the JVM's own, as the SDK trusts them.
 *
 * <p>Made by the SDK, that client cost each store about seven seconds of CPU on a machine where {@code SSL_CERT_DIR}
 * is set (Debian's {@code /etc/ssl/certs}: the SDK reads every file there a byte at a time, twice per store); here the
 * files are read once, buffered, and only for a store that speaks HTTPS.
 */
final class StoreHttpClient {
    private static final long TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);
    private static @Nullable OkHttpClient plain;
    private static @Nullable OkHttpClient tls;

    private StoreHttpClient() {}

    /** The shared client for a store at {@code endpoint}. */
    static synchronized OkHttpClient forEndpoint(String endpoint) {
        if (!endpoint.regionMatches(true, 0, "https:", 0, 6)) {
            if (plain == null) {
                plain = base().build();
            }
            return plain;
        }
        if (tls == null) {
            tls = create(System.getenv());
        }
        return tls;
    }

    /** A client trusting the JVM's certificates and those named by {@code SSL_CERT_FILE} and {@code SSL_CERT_DIR}. */
    static OkHttpClient create(Map<String, String> env) {
        List<X509Certificate> extra = extraCertificates(env);
        OkHttpClient.Builder builder = base();
        if (!extra.isEmpty()) {
            X509TrustManager trust = trusting(extra);
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trust}, null);
                builder.sslSocketFactory(context.getSocketFactory(), trust);
            } catch (GeneralSecurityException e) {
                throw new StoreException("cannot set up TLS for the object store: " + e.getMessage(), e);
            }
        }
        return builder.build();
    }

    private static OkHttpClient.Builder base() {
        return new OkHttpClient.Builder()
                .connectTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .writeTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .readTimeout(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .protocols(List.of(Protocol.HTTP_1_1))
                .addInterceptor(new Http.StatusRetryInterceptor());
    }

    /**
     * The certificates in the file {@code SSL_CERT_FILE} names and in the files of the directories {@code SSL_CERT_DIR}
     * lists (separated by {@code :}); files that hold no certificate are passed over, as OpenSSL passes them over.
     */
    static List<X509Certificate> extraCertificates(Map<String, String> env) {
        List<Path> files = new ArrayList<>();
        String file = env.get("SSL_CERT_FILE");
        if (file != null && !file.isBlank()) {
            files.add(Path.of(file));
        }
        String dirs = env.get("SSL_CERT_DIR");
        if (dirs != null) {
            for (String dir : dirs.split(":", -1)) {
                if (!dir.isBlank() && Files.isDirectory(Path.of(dir))) {
                    try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(dir))) {
                        entries.forEach(files::add);
                    } catch (IOException e) {
                        // an unreadable directory trusts nothing more
                    }
                }
            }
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Path path : files) {
                if (!Files.isRegularFile(path)) {
                    continue;
                }
                try (InputStream in = new BufferedInputStream(Files.newInputStream(path))) {
                    for (Certificate certificate : factory.generateCertificates(in)) {
                        if (certificate instanceof X509Certificate x509 && !certificates.contains(x509)) {
                            certificates.add(x509);
                        }
                    }
                } catch (IOException | CertificateException e) {
                    // not a certificate file
                }
            }
        } catch (CertificateException e) {
            throw new StoreException("this JVM cannot read X.509 certificates: " + e.getMessage(), e);
        }
        return certificates;
    }

    private static X509TrustManager trusting(List<X509Certificate> extra) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate certificate : jvmDefault().getAcceptedIssuers()) {
                store.setCertificateEntry("jvm-" + n++, certificate);
            }
            for (X509Certificate certificate : extra) {
                store.setCertificateEntry("env-" + n++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return x509(factory.getTrustManagers());
        } catch (GeneralSecurityException | IOException e) {
            throw new StoreException("cannot set up TLS for the object store: " + e.getMessage(), e);
        }
    }

    private static X509TrustManager jvmDefault() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return x509(factory.getTrustManagers());
    }

    private static X509TrustManager x509(TrustManager[] managers) {
        return Arrays.stream(managers)
                .filter(X509TrustManager.class::isInstance)
                .map(X509TrustManager.class::cast)
                .findFirst()
                .orElseThrow(() -> new StoreException("this JVM has no X.509 trust manager", null));
    }
}
