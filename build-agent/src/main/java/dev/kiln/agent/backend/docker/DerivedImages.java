package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import dev.kiln.agent.backend.DerivedImage;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.ImageUnavailableException;
import dev.kiln.kit.engine.Labels;
import dev.kiln.kit.engine.RootfsImporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Images made from a Debian-based image with more packages ({@code runtime-versions}) and certificates installed, built once through
 * the engine's build endpoint and reused by every later build that needs the same packages. Each carries Kiln's
 * labels.
 */
final class DerivedImages {
    private final DockerClient client;
    private final BuildImages images;

    DerivedImages(DockerClient client, BuildImages images) {
        this.client = client;
        this.images = images;
    }

    /** The reference of {@code base} with {@code packages}: {@code <base>-rt-<digest of the package set>}. */
    static String reference(String base, List<String> packages, List<String> certificates) {
        String set = String.join(" ", new TreeSet<>(packages)) + "\n" + String.join("\n", certificates);
        String digest;
        try {
            digest = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest((base + "\n" + set).getBytes(StandardCharsets.UTF_8)))
                    .substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        int slash = base.lastIndexOf('/');
        int colon = base.lastIndexOf(':');
        return (colon > slash ? base : base + ":latest") + "-rt-" + digest;
    }

    /**
     * The derived image, built now if it is not on the engine yet.
     *
     * @return the reference and whether it was built now
     */
    synchronized DerivedImage ensure(
            String base, List<String> packages, List<String> certificates, ProgressListener progress) {
        String reference = reference(base, packages, certificates);
        if (images.exists(reference)) {
            return new DerivedImage(reference, false);
        }
        images.ensure(base, progress);
        String list = String.join(" ", new TreeSet<>(packages));
        StringBuilder dockerfile = new StringBuilder("FROM " + base + "\n")
                .append("LABEL " + Labels.KILN + "=\"true\" " + Labels.ROLE + "=\"runtime-image\" kiln.packages=\"")
                .append(list)
                .append("\" kiln.certificates=\"")
                .append(certificates.size())
                .append("\"\n");
        Map<String, String> files = new LinkedHashMap<>();
        for (int i = 0; i < certificates.size(); i++) {
            files.put("kiln-" + i + ".crt", certificates.get(i) + "\n");
        }
        if (!certificates.isEmpty()) {
            // first, so that apt and every later trust store (Java's keystore among them) see them
            dockerfile
                    .append("COPY kiln-*.crt /usr/local/share/ca-certificates/\n")
                    .append("RUN update-ca-certificates\n");
        }
        if (!packages.isEmpty()) {
            dockerfile.append("RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
                    + " --no-install-recommends " + list + " && apt-get clean && rm -rf /var/lib/apt/lists/*\n");
        }
        progress.progress("installing " + (packages.isEmpty() ? "" : list + " and ") + certificates.size()
                + " certificate(s) into " + reference + " (once; later builds reuse it)");
        Path context = null;
        try {
            context = RootfsImporter.dockerfileContext(dockerfile.toString(), files);
            RootfsImporter.build(client, reference, context, progress);
        } catch (IOException | RuntimeException e) {
            throw new ImageUnavailableException(
                    "cannot install " + list + " into " + reference + " from " + base + ": " + DockerEngine.describe(e)
                            + " (the image's package sources must be reachable)",
                    e);
        } finally {
            if (context != null) {
                try {
                    Files.deleteIfExists(context);
                } catch (IOException e) {
                    // a temporary file
                }
            }
        }
        if (!images.exists(reference)) {
            throw new ImageUnavailableException("the engine built " + reference + " but does not list it", null);
        }
        return new DerivedImage(reference, true);
    }
}
