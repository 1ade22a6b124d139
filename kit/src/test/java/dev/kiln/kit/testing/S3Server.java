package dev.kiln.kit.testing;

import java.net.URI;
import java.nio.file.Path;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/** A real S3-compatible server (s3proxy, filesystem-backed) on a free loopback port, with signature checks. */
public final class S3Server implements AutoCloseable {
    /** The access key the server accepts. */
    public static final String ACCESS_KEY = "kiln-test-access";

    /** The secret key the server accepts. */
    public static final String SECRET_KEY = "kiln-test-secret-0123456789";

    private final S3Proxy proxy;

    private S3Server(S3Proxy proxy) {
        this.proxy = proxy;
    }

    /** Starts a server storing its objects under {@code directory}. */
    public static S3Server start(Path directory) throws Exception {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(directory.toString()))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; i < 100 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(20);
        }
        return new S3Server(proxy);
    }

    /** The server's URL. */
    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the test S3 server", e);
        }
    }
}
