package dev.kiln.kit.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.kit.KitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the CLI and agents find their orchestrator and token: flags, a token file, the environment, the config. */
class ServerConfigTest {
    @TempDir
    Path dir;

    @Test
    void a_token_file_gives_its_first_line_and_a_bad_one_says_what_is_wrong() throws Exception {
        Path file = Files.writeString(dir.resolve("token"), "  kiln_abc123  \nsecond line\n");
        assertThat(ServerConfig.tokenFile(file)).contains("kiln_abc123");
        assertThat(ServerConfig.tokenFile(null)).isEmpty();

        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertThatThrownBy(() -> ServerConfig.tokenFile(empty))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("holds no token");
        assertThatThrownBy(() -> ServerConfig.tokenFile(dir.resolve("missing")))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("cannot read --token-file");

        ServerConfig config = ServerConfig.resolve(
                Optional.of("http://127.0.0.1:9/"),
                ServerConfig.tokenFile(file),
                Map.of("KILN_CONFIG", dir.resolve("none").toString(), "KILN_TOKEN", "from-the-environment"));
        assertThat(config.token()).isEqualTo("kiln_abc123");
        assertThat(config.server()).isEqualTo("http://127.0.0.1:9");
    }

    @Test
    void without_a_token_the_message_names_the_ways_to_give_one() {
        assertThatThrownBy(() -> ServerConfig.resolve(
                        Optional.of("http://127.0.0.1:9"),
                        Optional.empty(),
                        Map.of("KILN_CONFIG", dir.resolve("none").toString())))
                .isInstanceOf(KitException.class)
                .hasMessageContaining("KILN_TOKEN")
                .hasMessageContaining("--token-file");
    }
}
