package dev.kiln.agent.artifact;

import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.agent.archive.TempTrees;
import dev.kiln.model.build.Build;
import dev.kiln.model.buildspec.ArtifactSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Packages one artifact set from a tar of its base directory into a ZIP. The tree is unpacked into a temporary
 * directory first (entries with {@code ..} are dropped), so every symbolic link can be resolved: one that leads
 * outside the tree, or nowhere, is skipped with a log line; an internal one is kept as a link with
 * {@code enable-symlinks}, otherwise stored as the file it points to. Stateless.
 */
public final class ArtifactPackager {
    private ArtifactPackager() {}

    /**
     * Selects the artifact's files from {@code tree} (a tar whose entries' first component is the base directory's
     * own name) and writes them to {@code zip}.
     *
     * @param log receives CodeBuild's artifact lines ({@code Found N file(s)})
     * @return the artifact's location and checksums
     * @throws NoMatchingArtifactsException when no file matched
     */
    public static Build.BuildArtifacts pack(
            InputStream tree, ArtifactSet set, Path zip, String identifier, Consumer<String> log) throws IOException {
        Path unpacked = Files.createTempDirectory("kiln-artifact-tree");
        try {
            SourceArchives.extract(tree, unpacked);
            Path root;
            try (var children = Files.list(unpacked)) {
                root = children.filter(Files::isDirectory).findFirst().orElse(unpacked);
            }
            return zipTree(root.toRealPath(), set, zip, identifier, log);
        } finally {
            TempTrees.delete(unpacked);
        }
    }

    private static Build.BuildArtifacts zipTree(
            Path root, ArtifactSet set, Path zip, String identifier, Consumer<String> log) throws IOException {
        List<Glob> include = set.files().stream().map(Glob::compile).toList();
        List<Glob> exclude = set.excludePaths().stream().map(Glob::compile).toList();
        List<Path> selected = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (include.stream().anyMatch(g -> g.matches(path))
                        && exclude.stream().noneMatch(g -> g.matches(path))) {
                    selected.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        selected.sort(null);
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        int found = 0;
        Set<String> names = new HashSet<>();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(partial.toFile())) {
            for (Path file : selected) {
                String path = root.relativize(file).toString().replace('\\', '/');
                String name = set.discardPaths() ? file.getFileName().toString() : path;
                Path content = file;
                String linkTarget = null;
                if (Files.isSymbolicLink(file)) {
                    Path lexical = file.getParent()
                            .resolve(Files.readSymbolicLink(file))
                            .normalize();
                    Path real;
                    try {
                        real = file.toRealPath();
                    } catch (IOException e) {
                        log.accept("Skipping " + path + ": a symbolic link to "
                                + (lexical.startsWith(root) ? "nothing" : "outside the source"));
                        continue;
                    }
                    if (!real.startsWith(root)) {
                        log.accept("Skipping " + path + ": a symbolic link to outside the source");
                        continue;
                    }
                    if (set.enableSymlinks()) {
                        linkTarget = Files.readSymbolicLink(file).toString();
                    } else if (Files.isRegularFile(real)) {
                        content = real;
                    } else {
                        log.accept("Skipping " + path + ": a symbolic link to a directory");
                        continue;
                    }
                }
                if (!names.add(name)) {
                    log.accept("Skipping " + path + ": another file is already stored as " + name);
                    continue;
                }
                ZipArchiveEntry entry = new ZipArchiveEntry(name);
                entry.setLastModifiedTime(Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS));
                if (linkTarget != null) {
                    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                    out.putArchiveEntry(entry);
                    out.write(linkTarget.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    entry.setUnixMode(UnixStat.FILE_FLAG | (Files.isExecutable(content) ? 0755 : 0644));
                    out.putArchiveEntry(entry);
                    Files.copy(content, out);
                }
                out.closeArchiveEntry();
                found++;
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        log.accept("Found " + found + " file(s)");
        if (found == 0) {
            Files.deleteIfExists(partial);
            throw new NoMatchingArtifactsException();
        }
        Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new Build.BuildArtifacts(
                zip.toAbsolutePath().toString(), digest(zip, "SHA-256"), digest(zip, "MD5"), identifier);
    }

    /** The store key for an evaluated artifact name: {@code <name>.zip}, {@code artifacts.zip} without one. */
    public static String zipKey(String evaluatedName) {
        String name = evaluatedName == null ? "" : evaluatedName.strip();
        if (name.isEmpty()) {
            return "artifacts.zip";
        }
        if (name.startsWith("/") || ("/" + name + "/").contains("/../")) {
            throw new InvalidArtifactNameException(name);
        }
        return name.endsWith(".zip") ? name : name + ".zip";
    }

    private static String digest(Path file, String algorithm) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance(algorithm))) {
            in.transferTo(OutputStream.nullOutputStream());
            return HexFormat.of()
                    .formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
