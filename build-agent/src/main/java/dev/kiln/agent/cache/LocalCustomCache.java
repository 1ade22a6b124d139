package dev.kiln.agent.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Cache entries under a directory: {@code <root>/<project>/<hash of the cached path>.tar} with its SHA-256 in a
 * {@code .sha256} file written after it. An entry whose checksum file is missing or does not match is deleted when
 * read. Thread-safe for different entries; concurrent saves of one entry end with one of them whole.
 */
public final class LocalCustomCache {
    private final Path root;

    /** A cache under {@code root}. */
    public LocalCustomCache(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** Where the cache lives. */
    public Path root() {
        return root;
    }

    private Path entry(String project, String path) {
        String id = sha256(path.getBytes(StandardCharsets.UTF_8)).substring(0, 24);
        return root.resolve(project.replaceAll("[^A-Za-z0-9_.-]", "_")).resolve(id + ".tar");
    }

    /** The entry's size in bytes, if there is a sound one. */
    public Optional<Long> size(String project, String path) {
        Path tar = entry(project, path);
        try {
            return Files.exists(tar) ? Optional.of(Files.size(tar)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Opens a sound entry; a corrupt or half-written one is deleted and reported as absent.
     *
     * @return the tar stream, or empty
     */
    public Optional<InputStream> open(String project, String path) throws IOException {
        Path tar = entry(project, path);
        Path sum = tar.resolveSibling(tar.getFileName() + ".sha256");
        if (!Files.exists(tar)) {
            return Optional.empty();
        }
        String expected = Files.exists(sum)
                ? Files.readString(sum, StandardCharsets.US_ASCII).strip()
                : "";
        String actual;
        try (InputStream in = new DigestInputStream(Files.newInputStream(tar), digest())) {
            in.transferTo(OutputStream.nullOutputStream());
            actual = HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        }
        if (!actual.equals(expected)) {
            Files.deleteIfExists(sum);
            Files.deleteIfExists(tar);
            throw new CorruptCacheEntryException(path);
        }
        return Optional.of(Files.newInputStream(tar));
    }

    /** Replaces the entry with {@code tar}; readers see the old entry or the new one, whole. Returns its size. */
    public long save(String project, String path, InputStream tar) throws IOException {
        Path target = entry(project, path);
        Files.createDirectories(target.getParent());
        Path partial = Files.createTempFile(target.getParent(), "partial-", ".tar");
        String sum;
        try {
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(partial), digest())) {
                tar.transferTo(out);
                sum = HexFormat.of()
                        .formatHex(((DigestOutputStream) out).getMessageDigest().digest());
            }
            Path sumFile = target.resolveSibling(target.getFileName() + ".sha256");
            Files.deleteIfExists(sumFile);
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(sumFile, sum + "\n", StandardCharsets.US_ASCII);
            return Files.size(target);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digest().digest(bytes));
    }
}
