package dev.kiln.agent.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crafted archive cannot write outside the directory it is unpacked into. */
class SourceArchivesTest {
    @TempDir
    Path work;

    @Test
    void dot_dot_entries_and_writes_through_links_are_dropped() throws Exception {
        Path outside = Files.createDirectories(work.resolve("outside"));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry link = new TarArchiveEntry("tree/escape", TarConstants.LF_SYMLINK);
            link.setLinkName(outside.toString());
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
            for (String name : new String[] {"tree/escape/planted.txt", "tree/../../dotdot.txt", "tree/ok.txt"}) {
                byte[] content = "x".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry file = new TarArchiveEntry(name);
                file.setSize(content.length);
                tar.putArchiveEntry(file);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        Path into = Files.createDirectories(work.resolve("into"));

        SourceArchives.extract(new ByteArrayInputStream(bytes.toByteArray()), into);

        assertThat(into.resolve("tree/ok.txt")).exists();
        assertThat(outside.resolve("planted.txt")).doesNotExist();
        assertThat(work.resolve("dotdot.txt")).doesNotExist();
        assertThat(Files.isSymbolicLink(into.resolve("tree/escape"))).isTrue();
    }

    @Test
    void executable_files_stay_executable_and_others_do_not_become_so() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (String name : new String[] {"tree/run.sh", "tree/data.txt"}) {
                byte[] content = "x".getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry file = new TarArchiveEntry(name);
                file.setSize(content.length);
                file.setMode(name.endsWith(".sh") ? 0100755 : 0100644);
                tar.putArchiveEntry(file);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        Path into = Files.createDirectories(work.resolve("modes"));

        SourceArchives.extract(new ByteArrayInputStream(bytes.toByteArray()), into);

        assertThat(Files.isExecutable(into.resolve("tree/run.sh"))).isTrue();
        assertThat(Files.isExecutable(into.resolve("tree/data.txt"))).isFalse();
    }
}
