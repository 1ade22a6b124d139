package dev.kiln.agent.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.agent.archive.SourceArchives;
import dev.kiln.model.build.Build;
import dev.kiln.model.buildspec.ArtifactSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArtifactPackagerTest {
    @TempDir
    Path work;

    private Path src;

    @BeforeEach
    void tree() throws IOException {
        src = Files.createDirectories(work.resolve("src"));
        write("target/app.jar", "jar");
        write("target/classes/A.class", "class");
        write("docs/readme.md", "docs");
        write("docs/tmp.tmp", "tmp");
        write("top.txt", "top");
    }

    private void write(String path, String content) throws IOException {
        Path p = src.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    private static ArtifactSet set(List<String> files, boolean discard, String base, List<String> exclude) {
        return new ArtifactSet(
                files, Optional.empty(), discard, Optional.ofNullable(base), exclude, false, Optional.empty());
    }

    private Build.BuildArtifacts pack(ArtifactSet set, Path zip, String base) throws IOException {
        Path root = base == null ? src : src.resolve(base);
        try (InputStream tree = SourceArchives.tarOf(root, root.getFileName().toString())) {
            return ArtifactPackager.pack(tree, set, zip, null, line -> {});
        }
    }

    private static List<String> entries(Path zip) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        return names;
    }

    @Test
    void selects_with_globs_and_exclusions_and_reports_checksums() throws Exception {
        Path zip = work.resolve("out/artifacts.zip");
        Build.BuildArtifacts a = pack(set(List.of("**/*"), false, null, List.of("**/*.tmp")), zip, null);

        assertThat(entries(zip))
                .containsExactlyInAnyOrder("target/app.jar", "target/classes/A.class", "docs/readme.md", "top.txt");
        assertThat(a.location()).isEqualTo(zip.toAbsolutePath().toString());
        assertThat(a.sha256sum())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(zip))));
        assertThat(a.md5sum()).hasSize(32);
    }

    @Test
    void base_directory_and_discard_paths() throws IOException {
        Path zip = work.resolve("flat.zip");
        pack(set(List.of("**/*"), true, "target", List.of()), zip, "target");

        assertThat(entries(zip)).containsExactlyInAnyOrder("app.jar", "A.class");
    }

    @Test
    void nothing_matching_is_the_users_failure_and_leaves_no_file() {
        Path zip = work.resolve("none.zip");

        assertThatThrownBy(() -> pack(set(List.of("missing/**/*"), false, null, List.of()), zip, null))
                .isInstanceOf(NoMatchingArtifactsException.class)
                .hasMessage("no matching artifact paths found");
        assertThat(zip).doesNotExist();
        assertThat(work.resolve("none.zip.partial")).doesNotExist();
    }

    @Test
    void zip_names_follow_the_artifact_name() {
        assertThat(ArtifactPackager.zipKey("")).isEqualTo("artifacts.zip");
        assertThat(ArtifactPackager.zipKey("app-1")).isEqualTo("app-1.zip");
        assertThat(ArtifactPackager.zipKey("app.zip")).isEqualTo("app.zip");
        assertThat(ArtifactPackager.zipKey("builds/7/app")).isEqualTo("builds/7/app.zip");
        assertThatThrownBy(() -> ArtifactPackager.zipKey("../escape")).isInstanceOf(InvalidArtifactNameException.class);
        assertThatThrownBy(() -> ArtifactPackager.zipKey("/abs")).isInstanceOf(InvalidArtifactNameException.class);
    }

    private static final List<String> LINKS = List.of("top.txt", "inner-link", "abs-link", "rel-link", "dangling");

    @Test
    void links_out_of_the_source_never_bring_files_in_and_internal_links_follow_enable_symlinks() throws Exception {
        Path secret = Files.writeString(work.resolve("secret.txt"), "outside the source");
        Files.createSymbolicLink(src.resolve("abs-link"), secret);
        Files.createSymbolicLink(src.resolve("rel-link"), Path.of("../secret.txt"));
        Files.createSymbolicLink(src.resolve("dangling"), Path.of("nowhere.txt"));
        Files.createSymbolicLink(src.resolve("inner-link"), Path.of("top.txt"));
        List<String> log = new ArrayList<>();
        Path plain = work.resolve("plain.zip");
        Path kept = work.resolve("kept.zip");
        try (InputStream tree = SourceArchives.tarOf(src, "src")) {
            ArtifactPackager.pack(tree, set(LINKS, false, null, List.of()), plain, null, log::add);
        }
        ArtifactSet withLinks =
                new ArtifactSet(LINKS, Optional.empty(), false, Optional.empty(), List.of(), true, Optional.empty());
        try (InputStream tree = SourceArchives.tarOf(src, "src")) {
            ArtifactPackager.pack(tree, withLinks, kept, null, line -> {});
        }

        assertThat(entries(plain)).containsExactlyInAnyOrder("top.txt", "inner-link");
        assertThat(log).anyMatch(l -> l.contains("abs-link") && l.contains("outside the source"));
        assertThat(log).anyMatch(l -> l.contains("rel-link") && l.contains("outside the source"));
        assertThat(log).anyMatch(l -> l.contains("dangling"));
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipFile.Builder()
                .setPath(plain)
                .get()) {
            var entry = zip.getEntry("inner-link");
            assertThat(entry.isUnixSymlink()).isFalse();
            assertThat(new String(zip.getInputStream(entry).readAllBytes())).isEqualTo("top");
        }
        try (var zip = new org.apache.commons.compress.archivers.zip.ZipFile.Builder()
                .setPath(kept)
                .get()) {
            var entry = zip.getEntry("inner-link");
            assertThat(entry.isUnixSymlink()).isTrue();
            assertThat(new String(zip.getInputStream(entry).readAllBytes())).isEqualTo("top.txt");
            assertThat(zip.getEntry("abs-link")).isNull();
        }
    }
}
