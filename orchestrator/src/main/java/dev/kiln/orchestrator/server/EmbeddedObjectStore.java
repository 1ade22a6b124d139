package dev.kiln.orchestrator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.kit.PrivateFiles;
import dev.kiln.model.job.StoreSettings;
import dev.kiln.orchestrator.OrchestratorException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

/**
 * An S3-compatible server (s3proxy, files under the data directory) in the orchestrator's process, with signature
 * checks. Its port and keys are kept in the data directory, so agents that outlive a restart find it again.
 */
public final class EmbeddedObjectStore implements AutoCloseable {
    static final String BUCKET = "kiln";

    private final S3Proxy proxy;
    private final StoreSettings settings;

    private EmbeddedObjectStore(S3Proxy proxy, StoreSettings settings) {
        this.proxy = proxy;
        this.settings = settings;
    }

    /** The embedded store of a data directory: its port and keys made once and kept there. */
    static EmbeddedObjectStore start(Path directory) throws Exception {
        Path objects = directory.resolve("objects");
        Files.createDirectories(objects);
        Path saved = directory.resolve("s3.json");
        ObjectMapper json = new ObjectMapper();
        Map<?, ?> keys;
        if (Files.exists(saved)) {
            keys = json.readValue(saved.toFile(), Map.class);
        } else {
            keys = Map.of(
                    "port", EmbeddedDatabase.freePort(),
                    "accessKey",
                            "kiln-"
                                    + dev.kiln.orchestrator.access.Tokens.generate()
                                            .substring(5, 21),
                    "secretKey", dev.kiln.orchestrator.access.Tokens.generate());
            PrivateFiles.write(saved, json.writeValueAsString(keys));
        }
        if (!(keys.get("port") instanceof Number port)
                || !(keys.get("accessKey") instanceof String accessKey)
                || !(keys.get("secretKey") instanceof String secretKey)) {
            throw new OrchestratorException(
                    saved + " lacks the object store's port or keys; delete it to make new ones");
        }
        return serve(objects, "127.0.0.1", port.intValue(), accessKey, secretKey);
    }

    /**
     * An S3-compatible server over the files in {@code objects}, on {@code host:port}, checking signatures made with
     * the keys given: the embedded store's server, and the compose stack's object store ({@code kiln object-store}).
     */
    public static EmbeddedObjectStore serve(Path objects, String host, int port, String access, String secret)
            throws Exception {
        Files.createDirectories(objects);
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(objects.toString()))
                .endpoint(URI.create("http://" + host + ":" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
                .build();
        proxy.start();
        for (int i = 0; i < 250 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(20);
        }
        if (!"STARTED".equals(proxy.getState())) {
            proxy.stop();
            throw new OrchestratorException(
                    "the S3 server did not start on " + host + ":" + port + " (is the port in use?)");
        }
        String local = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return new EmbeddedObjectStore(
                proxy, new StoreSettings("http://" + local + ":" + port, BUCKET, access, secret));
    }

    /** Where it answers, its keys and Kiln's bucket. */
    public StoreSettings settings() {
        return settings;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the embedded S3 server: " + e.getMessage(), e);
        }
    }
}
