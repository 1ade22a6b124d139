package dev.kiln.orchestrator.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.agent.PrivateFiles;
import dev.kiln.model.job.StoreSettings;
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
final class EmbeddedObjectStore implements AutoCloseable {
    static final String BUCKET = "kiln";

    private final S3Proxy proxy;
    private final StoreSettings settings;

    private EmbeddedObjectStore(S3Proxy proxy, StoreSettings settings) {
        this.proxy = proxy;
        this.settings = settings;
    }

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
        int port = ((Number) keys.get("port")).intValue();
        String access = (String) keys.get("accessKey");
        String secret = (String) keys.get("secretKey");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(objects.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, access, secret)
                .build();
        proxy.start();
        for (int i = 0; i < 250 && !"STARTED".equals(proxy.getState()); i++) {
            Thread.sleep(20);
        }
        return new EmbeddedObjectStore(proxy, new StoreSettings("http://127.0.0.1:" + port, BUCKET, access, secret));
    }

    StoreSettings settings() {
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
