package dev.kiln.agent.artifact;

import dev.kiln.model.build.Build;
import dev.kiln.model.buildspec.ArtifactSet;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Packages one artifact set from a tar of its base directory into a ZIP. Stateless. */
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
        List<Glob> include = set.files().stream().map(Glob::compile).toList();
        List<Glob> exclude = set.excludePaths().stream().map(Glob::compile).toList();
        Files.createDirectories(zip.toAbsolutePath().getParent());
        Path partial = zip.resolveSibling(zip.getFileName() + ".partial");
        int found = 0;
        Set<String> names = new HashSet<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tree);
                OutputStream file = new BufferedOutputStream(Files.newOutputStream(partial));
                ZipOutputStream out = new ZipOutputStream(file)) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String path = stripFirst(entry.getName());
                if (path.isEmpty() || entry.isDirectory()) {
                    continue;
                }
                boolean link = entry.isSymbolicLink();
                if (!(entry.isFile() || (link && set.enableSymlinks()))) {
                    continue;
                }
                if (include.stream().noneMatch(g -> g.matches(path))
                        || exclude.stream().anyMatch(g -> g.matches(path))) {
                    continue;
                }
                String name = set.discardPaths() ? path.substring(path.lastIndexOf('/') + 1) : path;
                if (!names.add(name)) {
                    log.accept("Skipping " + path + ": another file is already stored as " + name);
                    continue;
                }
                ZipEntry zipEntry = new ZipEntry(name);
                zipEntry.setLastModifiedTime(
                        java.nio.file.attribute.FileTime.from(entry.getModTime().toInstant()));
                out.putNextEntry(zipEntry);
                if (link) {
                    out.write(entry.getLinkName().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    tar.transferTo(out);
                }
                out.closeEntry();
                found++;
            }
            if (found == 0) {
                out.putNextEntry(new ZipEntry("empty"));
                out.closeEntry();
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

    private static String stripFirst(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        int slash = n.indexOf('/');
        return slash < 0 ? "" : n.substring(slash + 1);
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
