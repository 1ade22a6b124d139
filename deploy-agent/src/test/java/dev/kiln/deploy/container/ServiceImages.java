package dev.kiln.deploy.container;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Small web services for container deployments, built through the engine's build endpoint on the busybox test
 * image: busybox httpd on port 8080 serving {@code /www}, with a HEALTHCHECK that asks it for {@code /ok.txt}.
 */
final class ServiceImages {
    private ServiceImages() {}

    /** A service answering {@code body} at {@code /}; healthy when {@code healthy}, else its check fails. */
    static String build(DockerClient client, String reference, String body, boolean healthy) throws IOException {
        String dockerfile = "FROM kiln-test/busybox:1\n"
                + "COPY www /www\n"
                + "HEALTHCHECK --interval=2s --timeout=2s CMD wget -q -O /dev/null http://127.0.0.1:8080/ok.txt"
                + " || exit 1\n"
                // a shell as PID 1 that stops on SIGTERM, as a well-behaved service does
                + "CMD [\"/bin/sh\", \"-c\", \"trap 'exit 0' TERM; busybox httpd -f -p 8080 -h /www & wait\"]\n";
        Map<String, String> files = healthy
                ? Map.of("Dockerfile", dockerfile, "www/index.html", body, "www/ok.txt", "ok")
                : Map.of("Dockerfile", dockerfile, "www/index.html", body);
        return client.buildImageCmd(new ByteArrayInputStream(tar(files)))
                .withTags(Set.of(reference))
                .exec(new BuildImageResultCallback())
                .awaitImageId(2, TimeUnit.MINUTES);
    }

    private static byte[] tar(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry dir = new TarArchiveEntry("www/");
            dir.setMode(040755);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] content = f.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setSize(content.length);
                entry.setMode(0100644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
