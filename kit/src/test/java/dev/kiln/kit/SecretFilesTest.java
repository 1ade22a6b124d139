package dev.kiln.kit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secrets given as files, as Docker secrets mount them. */
class SecretFilesTest {
    @TempDir
    Path dir;

    @Test
    void a_secret_file_stands_for_its_variable_without_its_line_break() throws Exception {
        Path token = Files.writeString(dir.resolve("admin_token"), "kiln_0123456789abcdef0123\n");
        Map<String, String> env = SecretFiles.resolve(
                Map.of("KILN_ADMIN_TOKEN_FILE", token.toString(), "KILN_LOG_LEVEL", "warn", "OTHER_FILE", "/x"));
        assertThat(env)
                .containsEntry("KILN_ADMIN_TOKEN", "kiln_0123456789abcdef0123")
                .containsEntry("KILN_LOG_LEVEL", "warn")
                .doesNotContainKey("OTHER");
    }

    @Test
    void a_missing_file_or_a_secret_given_twice_is_a_clear_error() throws Exception {
        assertThatThrownBy(() -> SecretFiles.resolve(
                        Map.of("KILN_SECRET_KEY_FILE", dir.resolve("nope").toString())))
                .isInstanceOf(KitException.class)
                .hasMessage("KILN_SECRET_KEY_FILE names " + dir.resolve("nope") + ", which does not exist");
        Path key = Files.writeString(dir.resolve("key"), "k");
        assertThatThrownBy(() ->
                        SecretFiles.resolve(Map.of("KILN_SECRET_KEY_FILE", key.toString(), "KILN_SECRET_KEY", "other")))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("both set");
    }
}
