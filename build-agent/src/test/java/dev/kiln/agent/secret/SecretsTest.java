package dev.kiln.agent.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.kit.SecretMasker;
import dev.kiln.model.buildspec.BuildspecParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {
    @TempDir
    Path work;

    private JsonFileSecretProvider provider(String json) throws IOException {
        Path file = work.resolve("secrets.json");
        Files.writeString(file, json);
        return JsonFileSecretProvider.read(file);
    }

    private static dev.kiln.model.buildspec.BuildspecEnv env(String yaml) {
        return BuildspecParser.parse("b.yml", "version: 0.2\nenv:\n" + yaml + "phases:\n  build:\n    commands: [x]\n")
                .orThrow()
                .env();
    }

    @Test
    void parameters_secrets_json_keys_and_versions_resolve() throws IOException {
        SecretProvider secrets = provider("""
                {"/prod/db/host": "db.internal",
                 "prod/api": {"key": "current-key", "n": 7},
                 "prod/api:AWSPREVIOUS": {"key": "previous-key"},
                 "prod/api:v-123": "pinned"}
                """);

        var resolved = SecretResolver.resolve(env("""
                          parameter-store:
                            HOST: /prod/db/host
                          secrets-manager:
                            WHOLE: prod/api
                            KEY: prod/api:key
                            NUMBER: prod/api:n
                            OLD: prod/api:key:AWSPREVIOUS
                            PINNED: prod/api:::v-123
                        """), secrets);

        assertThat(resolved)
                .containsEntry("HOST", "db.internal")
                .containsEntry("KEY", "current-key")
                .containsEntry("NUMBER", "7")
                .containsEntry("OLD", "previous-key")
                .containsEntry("PINNED", "pinned");
        assertThat(resolved.get("WHOLE")).contains("\"key\":\"current-key\"");
    }

    @Test
    void every_missing_name_is_reported_and_no_value_is() throws IOException {
        SecretProvider secrets = provider("{\"prod/api\": {\"key\": \"topsecret\"}}");

        assertThatThrownBy(() -> SecretResolver.resolve(env("""
                                  parameter-store:
                                    A: /missing/param
                                  secrets-manager:
                                    B: prod/api:nokey
                                    C: other/secret
                                """), secrets))
                .isInstanceOf(MissingSecretException.class)
                .hasMessage("not found: parameter /missing/param (for A), key nokey in secret prod/api (for B),"
                        + " secret other/secret (for C)")
                .hasMessageNotContaining("topsecret");
    }

    @Test
    void a_malformed_secrets_file_names_the_file_but_no_content() throws IOException {
        Path file = work.resolve("bad.json");
        Files.writeString(file, "{\"a\": \"hunter22\", ");

        assertThatThrownBy(() -> JsonFileSecretProvider.read(file))
                .isInstanceOf(InvalidSecretsFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageNotContaining("hunter22");
        Files.writeString(file, "[\"x\"]");
        assertThatThrownBy(() -> JsonFileSecretProvider.read(file)).hasMessageContaining("JSON object");
    }

    @Test
    void the_masker_hides_values_line_by_line_longest_first_and_counts_short_ones() {
        SecretMasker masker =
                SecretMasker.of(java.util.List.of("abcd", "abcdef", "-----BEGIN KEY-----\nMIIEpAIB\n", "xy"));

        assertThat(masker.apply("token=abcdef and abcd")).isEqualTo("token=*** and ***");
        assertThat(masker.apply("MIIEpAIB")).isEqualTo("***");
        assertThat(masker.apply("xy stays")).isEqualTo("xy stays");
        assertThat(masker.tooShort()).isEqualTo(1);
        assertThat(SecretMasker.none().apply("abcd")).isEqualTo("abcd");
    }
}
