package dev.kiln.deploy.revision;

import dev.kiln.model.appspec.AppSpecParser;
import dev.kiln.model.appspec.ParsedAppSpec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Turns a revision zip (an artifact) into a {@link Revision}: reads its appspec, strips a single top folder that
 * holds the appspec (as the CodeDeploy agent does), and writes a tar.gz with modes kept.
 */
public final class RevisionBundler {
    private RevisionBundler() {}

    /**
     * Prepares {@code zip} into {@code bundle}.
     *
     * @throws InvalidRevisionException when the zip cannot be read or its appspec has errors (every lint line)
     */
    public static Revision prepare(Path zip, Path bundle) {
        try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
            List<ZipArchiveEntry> entries = list(file);
            String strip = topFolderWithAppSpec(entries);
            Optional<ZipArchiveEntry> appSpecEntry = AppSpecParser.FILE_NAMES.stream()
                    .map(n -> file.getEntry(strip + n))
                    .filter(e -> e != null && !e.isDirectory())
                    .findFirst();
            String text = "";
            ParsedAppSpec parsed = null;
            if (appSpecEntry.isPresent()) {
                try (InputStream in = file.getInputStream(appSpecEntry.get())) {
                    text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                String name = appSpecEntry.get().getName().substring(strip.length());
                parsed = AppSpecParser.parse(name, text);
                if (parsed.appSpec().isEmpty()) {
                    throw new InvalidRevisionException("the revision's " + name + " has errors:\n"
                            + parsed.report().format().strip());
                }
            }
            TreeMap<String, Boolean> paths = new TreeMap<>();
            String sha = write(file, entries, strip, bundle, paths);
            return new Revision(bundle, sha, parsed == null ? Optional.empty() : parsed.appSpec(), text, paths);
        } catch (IOException e) {
            throw new InvalidRevisionException(
                    "cannot read the revision archive " + zip.getFileName() + ": " + e.getMessage());
        }
    }

    private static List<ZipArchiveEntry> list(ZipFile file) {
        List<ZipArchiveEntry> out = new ArrayList<>();
        for (ZipArchiveEntry entry : java.util.Collections.list(file.getEntries())) {
            String name = entry.getName();
            if (name.startsWith("/") || name.contains("../") || name.equals("..")) {
                throw new InvalidRevisionException("the revision archive holds an unsafe path: " + name);
            }
            out.add(entry);
        }
        return out;
    }

    private static String topFolderWithAppSpec(List<ZipArchiveEntry> entries) {
        java.util.Set<String> tops = new java.util.HashSet<>();
        for (ZipArchiveEntry e : entries) {
            String name = e.getName();
            int slash = name.indexOf('/');
            tops.add(slash < 0 ? name : name.substring(0, slash + 1));
        }
        if (tops.size() != 1) {
            return "";
        }
        String top = tops.iterator().next();
        boolean holds = top.endsWith("/")
                && entries.stream()
                        .anyMatch(e -> AppSpecParser.FILE_NAMES.stream()
                                .anyMatch(n -> e.getName().equals(top + n)));
        return holds ? top : "";
    }

    private static String write(
            ZipFile file, List<ZipArchiveEntry> entries, String strip, Path bundle, NavigableMap<String, Boolean> paths)
            throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        try (OutputStream raw = new DigestOutputStream(
                        new BufferedOutputStream(Files.newOutputStream(bundle), 1 << 16), digest);
                AdaptiveGzip gzip = new AdaptiveGzip(raw);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(gzip)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (ZipArchiveEntry e : entries) {
                if (!e.getName().startsWith(strip) || e.getName().equals(strip)) {
                    continue;
                }
                String name = e.getName().substring(strip.length());
                boolean dir = e.isDirectory();
                String clean = dir ? name.substring(0, name.length() - 1) : name;
                addParents(clean, paths, tar);
                paths.put(clean, dir);
                boolean link = e.isUnixSymlink();
                TarArchiveEntry t =
                        link ? new TarArchiveEntry(name, TarConstants.LF_SYMLINK) : new TarArchiveEntry(name);
                t.setModTime(
                        e.getLastModifiedTime() == null
                                ? 0
                                : e.getLastModifiedTime().toMillis());
                if (link) {
                    try (InputStream in = file.getInputStream(e)) {
                        t.setLinkName(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    }
                } else {
                    t.setMode(mode(e, dir));
                }
                if (!dir && !link) {
                    t.setSize(e.getSize());
                }
                gzip.compress(worthCompressing(e));
                tar.putArchiveEntry(t);
                if (!dir && !link) {
                    try (InputStream in = file.getInputStream(e)) {
                        in.transferTo(tar);
                    }
                }
                tar.closeArchiveEntry();
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void addParents(String path, NavigableMap<String, Boolean> paths, TarArchiveOutputStream tar)
            throws IOException {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String parent = path.substring(0, slash);
            if (paths.putIfAbsent(parent, true) == null) {
                TarArchiveEntry t = new TarArchiveEntry(parent + "/");
                t.setModTime(0); // the same zip must make the same bundle, byte for byte: hosts match it by sha256
                t.setMode(040755);
                tar.putArchiveEntry(t);
                tar.closeArchiveEntry();
            }
            slash = path.indexOf('/', slash + 1);
        }
    }

    /** Whether an entry shrank in the zip: one that did not (already compressed data) is sent as it is. */
    private static boolean worthCompressing(ZipArchiveEntry e) {
        if (e.getMethod() == ZipArchiveEntry.STORED) {
            return !looksCompressed(e.getName());
        }
        long size = e.getSize();
        long compressed = e.getCompressedSize();
        return size < 0 || compressed < 0 || compressed < size * 0.9;
    }

    private static boolean looksCompressed(String name) {
        return name.matches("(?i).*\\.(gz|tgz|zip|jar|war|png|jpe?g|gif|webp|mp4|woff2?|xz|bz2|zst|7z)$");
    }

    /** The Unix mode a zip written by Kiln (or by Info-ZIP) keeps in its extra attributes, else a default. */
    private static int mode(ZipArchiveEntry e, boolean dir) {
        int unix = e.getUnixMode();
        if (unix != 0) {
            return unix;
        }
        return dir ? 040755 : 0100644;
    }
}
