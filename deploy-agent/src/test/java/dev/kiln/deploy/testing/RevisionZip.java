package dev.kiln.deploy.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/** Builds a revision zip, as an artifact would hold it: files with their modes. */
public final class RevisionZip {
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, Integer> modes = new LinkedHashMap<>();

    /** Adds a file. */
    public RevisionZip file(String path, String content) {
        files.put(path, content);
        return this;
    }

    /** Adds an executable script. */
    public RevisionZip script(String path, String body) {
        files.put(path, "#!/bin/sh\n" + body + "\n");
        modes.put(path, 0755);
        return this;
    }

    /** Writes the zip. */
    public Path write(Path zip) throws IOException {
        Files.createDirectories(zip.getParent());
        try (OutputStream out = Files.newOutputStream(zip);
                ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                ZipArchiveEntry e = new ZipArchiveEntry(f.getKey());
                e.setUnixMode(0100000 | modes.getOrDefault(f.getKey(), 0644));
                z.putArchiveEntry(e);
                z.write(f.getValue().getBytes(StandardCharsets.UTF_8));
                z.closeArchiveEntry();
            }
        }
        return zip;
    }
}
