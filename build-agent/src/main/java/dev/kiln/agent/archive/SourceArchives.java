package dev.kiln.agent.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.jspecify.annotations.Nullable;

/** Builds and rewrites tar streams. Stateless. */
public final class SourceArchives {
    private SourceArchives() {}

    /**
     * A tar of {@code hostDirectory} whose entries sit under {@code targetPath} (absolute, in the environment), with
     * every parent directory, file modes and symbolic links (as links). Written to a temporary file, which is
     * deleted when the returned stream is closed.
     */
    public static InputStream tarOf(Path hostDirectory, String targetPath) throws IOException {
        String prefix = targetPath.replaceAll("^/+", "").replaceAll("/+$", "");
        return inTemporaryFile("kiln-source", tar -> {
            putParents(tar, prefix);
            Files.walkFileTree(hostDirectory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(hostDirectory)) {
                        TarArchiveEntry entry = new TarArchiveEntry(prefix + "/" + relative(hostDirectory, dir) + "/");
                        entry.setMode(mode(dir) | 040000);
                        tar.putArchiveEntry(entry);
                        tar.closeArchiveEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path path, BasicFileAttributes attrs) throws IOException {
                    String name = prefix + "/" + relative(hostDirectory, path);
                    if (attrs.isSymbolicLink()) {
                        TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                        link.setLinkName(Files.readSymbolicLink(path).toString());
                        tar.putArchiveEntry(link);
                        tar.closeArchiveEntry();
                    } else if (attrs.isRegularFile()) {
                        TarArchiveEntry entry = new TarArchiveEntry(name);
                        entry.setSize(attrs.size());
                        entry.setMode(mode(path) | 0100000);
                        entry.setModTime(attrs.lastModifiedTime());
                        tar.putArchiveEntry(entry);
                        Files.copy(path, tar);
                        tar.closeArchiveEntry();
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        });
    }

    /**
     * Rewrites a tar stream so its entries sit under {@code directory} (absolute), parents included, for an engine
     * that unpacks at {@code /}. Entries that would leave the directory are dropped. Uses a temporary file.
     */
    public static InputStream prefixed(InputStream tar, String directory) throws IOException {
        String prefix = directory.replaceAll("^/+", "").replaceAll("/+$", "");
        TarArchiveInputStream in = new TarArchiveInputStream(tar);
        return inTemporaryFile("kiln-tree", out -> {
            putParents(out, prefix);
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = safeName(entry.getName());
                if (name == null) {
                    continue;
                }
                entry.setName(prefix + "/" + name);
                out.putArchiveEntry(entry);
                if (entry.isFile()) {
                    in.transferTo(out);
                }
                out.closeArchiveEntry();
            }
        });
    }

    /** Writes what {@code contents} puts into a tar in a temporary file, deleted when the returned stream closes. */
    private static InputStream inTemporaryFile(String name, TarContents contents) throws IOException {
        Path tmp = Files.createTempFile(name, ".tar");
        try (OutputStream file = Files.newOutputStream(tmp);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            contents.write(tar);
            tar.finish();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new FilterInputStream(Files.newInputStream(tmp)) {
            @Override
            public void close() throws IOException {
                super.close();
                Files.deleteIfExists(tmp);
            }
        };
    }

    /** Puts entries into a tar being written. */
    @FunctionalInterface
    private interface TarContents {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    /**
     * Unpacks a tar stream into {@code directory}: files, directories and symbolic links; nothing outside it. Entries
     * with {@code ..}, and entries whose path passes through a symbolic link unpacked earlier, are dropped, so a
     * crafted archive cannot write through a link.
     */
    public static void extract(InputStream tar, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path root = directory.toAbsolutePath().normalize();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            TarArchiveEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                String name = safeName(entry.getName());
                if (name == null) {
                    continue;
                }
                Path target = root.resolve(name).normalize();
                if (!target.startsWith(root) || passesThroughLink(root, target)) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        // executables stay executable, so artifacts zipped from the tree keep the bit
                        target.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    /** Whether a directory between {@code root} and {@code target} is a symbolic link (which could lead out). */
    private static boolean passesThroughLink(Path root, Path target) {
        Path current = root;
        for (Path part : root.relativize(target.getParent() == null ? root : target.getParent())) {
            current = current.resolve(part);
            if (Files.isSymbolicLink(current)) {
                return true;
            }
        }
        return false;
    }

    /** An entry name made relative, or null for one that is empty or climbs out with {@code ..}. */
    private static @Nullable String safeName(String name) {
        String n = name.replaceAll("^(\\./)+", "").replaceAll("^/+", "");
        if (n.isEmpty() || n.equals(".") || ("/" + n + "/").contains("/../")) {
            return null;
        }
        return n;
    }

    /** Directory entries for {@code prefix} and each of its parents ({@code a/}, {@code a/b/}, ...). */
    private static void putParents(TarArchiveOutputStream tar, String prefix) throws IOException {
        StringBuilder parent = new StringBuilder();
        for (String part : prefix.split("/", -1)) {
            if (part.isEmpty()) {
                continue;
            }
            parent.append(part).append('/');
            TarArchiveEntry dir = new TarArchiveEntry(parent.toString());
            dir.setMode(0755 | 040000);
            tar.putArchiveEntry(dir);
            tar.closeArchiveEntry();
        }
    }

    private static String relative(Path root, Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    private static int mode(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= switch (p) {
                    case OWNER_READ -> 0400;
                    case OWNER_WRITE -> 0200;
                    case OWNER_EXECUTE -> 0100;
                    case GROUP_READ -> 040;
                    case GROUP_WRITE -> 020;
                    case GROUP_EXECUTE -> 010;
                    case OTHERS_READ -> 04;
                    case OTHERS_WRITE -> 02;
                    case OTHERS_EXECUTE -> 01;
                };
            }
            return mode;
        } catch (IOException | UnsupportedOperationException e) {
            return 0644;
        }
    }

    /** The entry name without its first component, or empty for the top directory itself. */
    public static String stripped(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        int slash = n.indexOf('/');
        if (slash < 0) {
            return "";
        }
        return n.substring(slash + 1);
    }
}
