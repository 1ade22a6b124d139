package dev.kiln.agent.artifact;

import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.kit.TempTrees;
import dev.kiln.model.build.Build;
import dev.kiln.model.buildspec.ArtifactSet;
import dev.kiln.model.glob.Glob;
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
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.jspecify.annotations.Nullable;

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
            InputStream tree, ArtifactSet set, Path zip, @Nullable String identifier, Consumer<String> log)
            throws IOException {
        return withTree(tree, root -> {
            List<Selected> selected = select(root, set, log);
            writeZip(selected, zip);
            return new Build.BuildArtifacts(
                    zip.toAbsolutePath().toString(), digest(zip, "SHA-256"), digest(zip, "MD5"), identifier);
        });
    }

    /**
     * Packaging NONE: copies the artifact's files from {@code tree} into {@code directory} under their artifact
     * names, links as links with {@code enable-symlinks}.
     *
     * @return the files' names, relative to {@code directory}
     * @throws NoMatchingArtifactsException when no file matched
     */
    public static List<String> stage(InputStream tree, ArtifactSet set, Path directory, Consumer<String> log)
            throws IOException {
        return withTree(tree, root -> {
            List<String> names = new ArrayList<>();
            for (Selected file : select(root, set, log)) {
                Path target = directory.resolve(file.name()).normalize();
                Files.createDirectories(target.getParent());
                if (file.linkTarget() != null) {
                    Files.createSymbolicLink(target, Path.of(file.linkTarget()));
                } else {
                    Files.copy(file.content(), target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                names.add(file.name());
            }
            return names;
        });
    }

    private interface TreeWork<T> {
        T apply(Path root) throws IOException;
    }

    private static <T> T withTree(InputStream tree, TreeWork<T> work) throws IOException {
        Path unpacked = Files.createTempDirectory("kiln-artifact-tree");
        try {
            SourceArchives.extract(tree, unpacked);
            Path root;
            try (var children = Files.list(unpacked)) {
                root = children.filter(Files::isDirectory).findFirst().orElse(unpacked);
            }
            return work.apply(root.toRealPath());
        } finally {
            TempTrees.delete(unpacked);
        }
    }

    /**
     * One file of an artifact.
     *
     * @param name its name in the artifact
     * @param file where it is in the unpacked tree
     * @param content the file whose bytes are stored (a link's target when links are not kept)
     * @param linkTarget the link's target when it is kept as a link, or null
     */
    private record Selected(
            String name, Path file, Path content, @Nullable String linkTarget) {}

    private static List<Selected> select(Path root, ArtifactSet set, Consumer<String> log) throws IOException {
        List<Glob> include = set.files().stream().map(Glob::compile).toList();
        List<Glob> exclude = set.excludePaths().stream().map(Glob::compile).toList();
        List<Path> matched = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String path = root.relativize(file).toString().replace('\\', '/');
                if (include.stream().anyMatch(g -> g.matches(path))
                        && exclude.stream().noneMatch(g -> g.matches(path))) {
                    matched.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        matched.sort(null);
        List<Selected> selected = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (Path file : matched) {
            String path = root.relativize(file).toString().replace('\\', '/');
            String name = set.discardPaths() ? file.getFileName().toString() : path;
            Path content = file;
            @Nullable String linkTarget = null;
            if (Files.isSymbolicLink(file)) {
                Path lexical = Objects.requireNonNull(file.getParent())
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
            selected.add(new Selected(name, file, content, linkTarget));
        }
        log.accept("Found " + selected.size() + " file(s)");
        if (selected.isEmpty()) {
            throw new NoMatchingArtifactsException();
        }
        return selected;
    }

    private static void writeZip(List<Selected> selected, Path zip) throws IOException {
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(partial.toFile())) {
            for (Selected file : selected) {
                ZipArchiveEntry entry = new ZipArchiveEntry(file.name());
                entry.setLastModifiedTime(Files.getLastModifiedTime(file.file(), LinkOption.NOFOLLOW_LINKS));
                if (file.linkTarget() != null) {
                    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                    out.putArchiveEntry(entry);
                    out.write(file.linkTarget().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    entry.setUnixMode(UnixStat.FILE_FLAG | (Files.isExecutable(file.content()) ? 0755 : 0644));
                    out.putArchiveEntry(entry);
                    Files.copy(file.content(), out);
                }
                out.closeArchiveEntry();
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
        }
        Files.move(partial, zip, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The store key for an evaluated artifact name: {@code <name>.zip}, {@code artifacts.zip} without one. */
    public static String zipKey(String evaluatedName) {
        String name = folderKey(evaluatedName);
        return name.endsWith(".zip") ? name : name + ".zip";
    }

    /** The store folder for an evaluated artifact name with packaging NONE: {@code artifacts} without one. */
    public static String folderKey(String evaluatedName) {
        String name = evaluatedName == null ? "" : evaluatedName.strip().replaceAll("/+$", "");
        if (name.isEmpty()) {
            return "artifacts";
        }
        if (name.startsWith("/") || ("/" + name + "/").contains("/../")) {
            throw new InvalidArtifactNameException(name);
        }
        return name;
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
