package dev.kiln.kit.engine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import dev.kiln.kit.ProgressListener;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Turns a root file system tarball into an image on the engine, through the image build endpoint with a
 * {@code FROM scratch} / {@code ADD rootfs.tar /} context. (The import endpoint is not used: docker-java 3.7.1's
 * {@code createImageCmd} sends an empty body to Podman.) Works the same on Docker and Podman.
 */
public final class RootfsImporter {
    private static final String DOCKERFILE = """
            FROM scratch
            ADD rootfs.tar /
            ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
            CMD ["/bin/sh"]
            """;

    private RootfsImporter() {}

    /** Builds {@code reference} from {@code rootfsTar}; returns the image id. */
    public static String importRootfs(DockerClient client, String reference, Path rootfsTar, ProgressListener progress)
            throws IOException {
        Path context = Files.createTempFile("kiln-image-context", ".tar");
        try {
            try (OutputStream out = Files.newOutputStream(context);
                    TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                byte[] dockerfile = DOCKERFILE.getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry df = new TarArchiveEntry("Dockerfile");
                df.setSize(dockerfile.length);
                tar.putArchiveEntry(df);
                tar.write(dockerfile);
                tar.closeArchiveEntry();
                TarArchiveEntry rootfs = new TarArchiveEntry("rootfs.tar");
                rootfs.setSize(Files.size(rootfsTar));
                tar.putArchiveEntry(rootfs);
                Files.copy(rootfsTar, tar);
                tar.closeArchiveEntry();
                tar.finish();
            }
            return build(client, reference, context, progress);
        } finally {
            Files.deleteIfExists(context);
        }
    }

    /** Builds {@code reference} from a build context tar through the engine's build endpoint; returns the image id. */
    public static String build(DockerClient client, String reference, Path context, ProgressListener progress)
            throws IOException {
        try (InputStream in = Files.newInputStream(context)) {
            return client.buildImageCmd(in)
                    .withTags(Set.of(reference))
                    .withPull(false)
                    .withRemove(true)
                    .exec(new BuildImageResultCallback() {
                        @Override
                        public void onNext(BuildResponseItem item) {
                            if (item.getStream() != null && !item.getStream().isBlank()) {
                                progress.progress(item.getStream().strip());
                            }
                            super.onNext(item);
                        }
                    })
                    .awaitImageId(30, TimeUnit.MINUTES);
        }
    }

    /** A build context tar holding a Dockerfile and small files beside it. */
    public static Path dockerfileContext(String dockerfile, Map<String, String> files) throws IOException {
        Path context = Files.createTempFile("kiln-image-context", ".tar");
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Dockerfile", dockerfile);
        all.putAll(files);
        try (OutputStream out = Files.newOutputStream(context);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Map.Entry<String, String> file : all.entrySet()) {
                byte[] bytes = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(bytes.length);
                tar.putArchiveEntry(entry);
                tar.write(bytes);
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        return context;
    }
}
