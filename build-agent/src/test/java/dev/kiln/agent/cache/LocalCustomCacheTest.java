package dev.kiln.agent.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalCustomCacheTest {
    @TempDir
    Path work;

    private static InputStream bytes(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void saved_entries_come_back_whole_per_project_and_path() throws Exception {
        LocalCustomCache cache = new LocalCustomCache(work);
        cache.save("app", "/root/.m2", bytes("m2 contents"));
        cache.save("other", "/root/.m2", bytes("other project"));

        try (InputStream in = cache.open("app", "/root/.m2").orElseThrow()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("m2 contents");
        }
        assertThat(cache.open("app", "/root/.npm")).isEmpty();
        assertThat(cache.size("other", "/root/.m2")).contains((long) "other project".length());
    }

    @Test
    void a_corrupt_or_half_written_entry_is_discarded_never_restored() throws Exception {
        LocalCustomCache cache = new LocalCustomCache(work);
        cache.save("app", "deps", bytes("good"));
        Path entry;
        try (Stream<Path> files = Files.walk(work)) {
            entry = files.filter(p -> p.toString().endsWith(".tar")).findFirst().orElseThrow();
        }
        Files.writeString(entry, "flipped bits");

        assertThatThrownBy(() -> cache.open("app", "deps"))
                .isInstanceOf(CorruptCacheEntryException.class)
                .hasMessageContaining("discarded");
        assertThat(cache.open("app", "deps")).isEmpty();

        cache.save("app", "deps", bytes("again"));
        Files.delete(entry.resolveSibling(entry.getFileName() + ".sha256"));
        assertThatThrownBy(() -> cache.open("app", "deps")).isInstanceOf(CorruptCacheEntryException.class);
    }
}
