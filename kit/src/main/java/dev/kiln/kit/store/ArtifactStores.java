package dev.kiln.kit.store;

import dev.kiln.kit.KitException;
import java.nio.file.Path;
import java.util.Map;

/** Picks an {@link ArtifactStore} from a location and the environment. */
public final class ArtifactStores {
    private ArtifactStores() {}

    /**
     * {@code s3://bucket[/prefix]} for an S3-compatible server, anything else a local directory. The S3 server is
     * {@code KILN_S3_ENDPOINT} (default {@code https://s3.amazonaws.com}), with the keys in
     * {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY}.
     */
    public static ArtifactStore fromLocation(String location, Map<String, String> env) {
        if (!location.startsWith("s3://")) {
            return new LocalDirectoryArtifactStore(Path.of(location));
        }
        String rest = location.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
            throw new KitException("no bucket in " + location + "; use s3://BUCKET[/PREFIX]");
        }
        String access = env.get("AWS_ACCESS_KEY_ID");
        String secret = env.get("AWS_SECRET_ACCESS_KEY");
        if (access == null || secret == null) {
            throw new KitException(
                    "an s3:// artifact location needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the environment");
        }
        String endpoint = env.getOrDefault("KILN_S3_ENDPOINT", "https://s3.amazonaws.com");
        return new MinioArtifactStore(endpoint, access, secret, bucket, prefix);
    }
}
