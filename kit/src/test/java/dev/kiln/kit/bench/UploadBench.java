package dev.kiln.kit.bench;

import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.LocalDirectoryArtifactStore;
import dev.kiln.kit.store.MinioArtifactStore;
import dev.kiln.kit.testing.S3Server;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Upload throughput of the artifact stores against the disk's own copy speed: a 50 MB artifact put into the local
 * directory store and into an S3-compatible server on loopback (s3proxy, in this process, storing on the same
 * disk), interleaved with plain file copies on that disk, medians. Run through {@code bench/upload.sh}.
 */
public final class UploadBench {
    private UploadBench() {}

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int megabytes = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        Path work = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "kiln-upload-bench");
        Path artifact = work.resolve("artifact.zip");
        byte[] block = new byte[1 << 20];
        new Random(42).nextBytes(block); // incompressible, as a zip is
        try (OutputStream out = Files.newOutputStream(artifact)) {
            for (int i = 0; i < megabytes; i++) {
                out.write(block);
            }
        }
        try (S3Server server = S3Server.start(Files.createDirectories(work.resolve("s3")))) {
            ArtifactStore local = new LocalDirectoryArtifactStore(work.resolve("store"));
            ArtifactStore s3 = new MinioArtifactStore(
                    server.endpoint(), S3Server.ACCESS_KEY, S3Server.SECRET_KEY, "bench", "artifacts");
            s3.put("warm-up.zip", artifact);
            local.put("warm-up.zip", artifact);
            List<Double> copy = new ArrayList<>();
            List<Double> toLocal = new ArrayList<>();
            List<Double> toS3 = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // each measurement ends when the data is on disk (sync), so that the kernel's write-back of one
                // never lands in the next; the order turns each run
                Path target = work.resolve("copy-" + i + ".zip");
                String key = "run-" + i + ".zip";
                List<Runnable> order = new ArrayList<>(List.of(
                        () -> copy.add(
                                seconds(() -> Files.copy(artifact, target, StandardCopyOption.REPLACE_EXISTING))),
                        () -> toLocal.add(seconds(() -> local.put(key, artifact))),
                        () -> toS3.add(seconds(() -> s3.put(key, artifact)))));
                Collections.rotate(order, i);
                sync();
                order.forEach(Runnable::run);
            }
            double disk = megabytes / median(copy);
            double l = megabytes / median(toLocal);
            double s = megabytes / median(toS3);
            System.out.printf(
                    Locale.ROOT,
                    "%d MB, %d runs, medians, each until synced to disk%n  disk copy        %7.1f MB/s%n"
                            + "  local store put  %7.1f MB/s  %.2fx"
                            + "%n  S3 store put     %7.1f MB/s  %.2fx  (target: at least 0.7x)%n",
                    megabytes,
                    runs,
                    disk,
                    l,
                    l / disk,
                    s,
                    s / disk);
        } finally {
            dev.kiln.kit.TempTrees.delete(work);
        }
    }

    private interface Work {
        void run() throws IOException;
    }

    private static double seconds(Work work) {
        long start = System.nanoTime();
        try {
            work.run();
            sync();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return (System.nanoTime() - start) / 1e9;
    }

    private static void sync() throws IOException {
        try {
            new ProcessBuilder("sync").inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
