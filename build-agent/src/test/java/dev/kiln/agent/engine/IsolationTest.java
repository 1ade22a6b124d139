package dev.kiln.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kiln.agent.testing.Engines;
import dev.kiln.agent.testing.TestBuild;
import dev.kiln.model.build.StatusType;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a build can reach of the machine its agent runs on: a build reaches neither the engine's socket nor Kiln's
 * config, keys or tokens; a privileged build (allowed per repository by an admin) is given the engine, as documented.
 */
@Tag("docker")
class IsolationTest {
    private static final String PROBE = """
            version: 0.2
            phases:
              build:
                commands:
                  - for f in /var/run/docker.sock /run/podman/podman.sock /run/kiln/docker.sock /root/.kiln/config /root/.kiln/ui-admin; do if [ -e "$f" ]; then echo "reachable $f"; fi; done
                  - if env | grep -q '^KILN_TOKEN='; then echo "reachable KILN_TOKEN"; fi
                  - echo probed
            """;

    @TempDir
    Path work;

    @Test
    void a_build_reaches_neither_the_engine_socket_nor_the_agents_config_and_tokens() throws Exception {
        var result = new TestBuild(Engines.docker(), work).buildspec(PROBE).run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("probed");
    }

    @Test
    void a_privileged_build_is_given_the_engine_and_still_not_the_agents_files() throws Exception {
        var result = new TestBuild(Engines.docker(), work)
                .privileged()
                .buildspec(PROBE)
                .run();

        assertThat(result.build().buildStatus()).isEqualTo(StatusType.SUCCEEDED);
        assertThat(result.output()).containsExactly("reachable /run/kiln/docker.sock", "probed");
    }
}
