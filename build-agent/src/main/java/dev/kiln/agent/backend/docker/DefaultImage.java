package dev.kiln.agent.backend.docker;

import com.github.dockerjava.api.DockerClient;
import dev.kiln.kit.ProgressListener;
import dev.kiln.kit.engine.DockerEngine;
import dev.kiln.kit.engine.ImageUnavailableException;
import dev.kiln.kit.engine.RootfsImporter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Kiln's default build image, {@code kiln/standard:1}: Debian 12 (minbase) with what builds commonly need. It is
 * never pulled: no registry holds it. When it is missing, Kiln builds it once from Debian's packages with
 * {@code debootstrap} (root and the debootstrap package on the machine that runs Kiln) and imports the root file
 * system through the engine's API, so Docker and Podman get the same image.
 */
public final class DefaultImage {
    /** The reference builds use when they give no image. */
    public static final String REFERENCE = "kiln/standard:1";

    /** The Debian packages added to minbase; documented in the README. */
    public static final List<String> PACKAGES = List.of(
            "bash",
            "ca-certificates",
            "curl",
            "git",
            "zip",
            "unzip",
            "xz-utils",
            "python3",
            "build-essential",
            "openssh-client",
            "jq",
            "procps");

    private static final String SUITE = "bookworm";
    private final String reference;

    /** The default image under its usual reference. */
    public DefaultImage() {
        this(REFERENCE);
    }

    /** The default image under another reference (tests use their own). */
    public DefaultImage(String reference) {
        this.reference = reference;
    }

    /** The image reference. */
    public String reference() {
        return reference;
    }

    synchronized void build(DockerClient client, ProgressListener progress) {
        Path debootstrap = Path.of("/usr/sbin/debootstrap");
        if (!Files.isExecutable(debootstrap)) {
            throw new ImageUnavailableException(
                    "the default build image " + reference + " is not on the container engine and cannot be built"
                            + " here: debootstrap is missing (apt-get install debootstrap), or pass --image IMAGE",
                    null);
        }
        Path rootfs = null;
        try {
            rootfs = Files.createTempDirectory("kiln-standard-rootfs");
            progress.progress("building the default image " + reference + " from Debian " + SUITE
                    + " packages (once; a few minutes)");
            List<String> command = new ArrayList<>(List.of(
                    debootstrap.toString(),
                    "--variant=minbase",
                    "--include=" + String.join(",", PACKAGES),
                    SUITE,
                    rootfs.toString()));
            run(command, progress);
            clean(rootfs);
            progress.progress("importing " + reference + " into the container engine");
            importRootfs(client, rootfs, progress);
            progress.progress("built " + reference);
        } catch (IOException | RuntimeException e) {
            throw new ImageUnavailableException(
                    "cannot build the default image " + reference + ": " + DockerEngine.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageUnavailableException("interrupted while building " + reference, e);
        } finally {
            if (rootfs != null) {
                deleteQuietly(rootfs);
            }
        }
    }

    private static void run(List<String> command, ProgressListener progress) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> tail = new ArrayList<>();
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                progress.progress(line);
                tail.add(line);
                if (tail.size() > 20) {
                    tail.remove(0);
                }
            }
        }
        if (!process.waitFor(60, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException("debootstrap failed (exit " + process.exitValue() + "):\n" + String.join("\n", tail));
        }
    }

    private static void clean(Path rootfs) throws IOException {
        Path archives = rootfs.resolve("var/cache/apt/archives");
        if (Files.isDirectory(archives)) {
            try (var debs = Files.list(archives)) {
                for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                    Files.deleteIfExists(deb);
                }
            }
        }
    }

    private void importRootfs(DockerClient client, Path rootfs, ProgressListener progress)
            throws IOException, InterruptedException {
        Path tarball = Files.createTempFile("kiln-standard-rootfs", ".tar");
        try {
            Process tar = new ProcessBuilder(
                            "tar", "--numeric-owner", "-C", rootfs.toString(), "-cf", tarball.toString(), ".")
                    .redirectErrorStream(true)
                    .start();
            String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (tar.waitFor() != 0) {
                throw new IOException("tar of the root file system failed: " + output.strip());
            }
            RootfsImporter.importRootfs(client, reference, tarball, progress);
        } finally {
            Files.deleteIfExists(tarball);
        }
    }

    private static void deleteQuietly(Path dir) {
        try {
            new ProcessBuilder("rm", "-rf", dir.toString()).start().waitFor();
        } catch (IOException e) {
            // best effort: a temp directory
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
