package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import dev.kiln.agent.backend.DerivedImage;
import dev.kiln.agent.backend.ProgressListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;

/**
 * Images made from a Debian-based image with more packages installed ({@code runtime-versions}), built once through
 * the engine's build endpoint and reused by every later build that needs the same packages. Each carries Kiln's
 * labels.
 */
final class DerivedImages {
    private final DockerClient client;
    private final Images images;

    DerivedImages(DockerClient client, Images images) {
        this.client = client;
        this.images = images;
    }

    /** The reference of {@code base} with {@code packages}: {@code <base>-rt-<digest of the package set>}. */
    static String reference(String base, List<String> packages) {
        String set = String.join(" ", new TreeSet<>(packages));
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
    synchronized DerivedImage ensure(String base, List<String> packages, ProgressListener progress) {
        String reference = reference(base, packages);
        if (images.exists(reference)) {
            return new DerivedImage(reference, false);
        }
        images.ensure(base, progress);
        String list = String.join(" ", new TreeSet<>(packages));
        String dockerfile = "FROM " + base + "\n"
                + "LABEL " + Labels.KILN + "=\"true\" " + Labels.ROLE + "=\"runtime-image\" kiln.packages=\"" + list
                + "\"\n"
                + "RUN apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q"
                + " --no-install-recommends " + list + " && apt-get clean && rm -rf /var/lib/apt/lists/*\n";
        progress.progress("installing " + list + " into " + reference + " (once; later builds reuse it)");
        Path context = null;
        try {
            context = RootfsImporter.dockerfileContext(dockerfile);
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
