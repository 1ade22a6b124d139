package dev.kiln.kit.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEngineTest {

    @Test
    void docker_host_when_set_is_the_only_candidate() {
        assertThat(DockerEngine.candidates(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375", "HOME", "/h")))
                .containsExactly("tcp://127.0.0.1:2375");
    }

    @Test
    void otherwise_docker_then_rootless_then_podman_sockets() {
        assertThat(DockerEngine.candidates(Map.of("XDG_RUNTIME_DIR", "/run/user/1000", "HOME", "/home/u")))
                .containsExactly(
                        "unix:///var/run/docker.sock",
                        "unix:///run/user/1000/podman/podman.sock",
                        "unix:///run/user/1000/docker.sock",
                        "unix:///run/podman/podman.sock",
                        "unix:///home/u/.docker/run/docker.sock");
    }

    @Test
    void no_engine_lists_every_attempt_and_what_to_do() {
        assertThatThrownBy(() -> DockerEngine.discover(Map.of("DOCKER_HOST", "unix:///nonexistent/kiln.sock")))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessageContaining("unix:///nonexistent/kiln.sock: no such socket")
                .hasMessageContaining("bin/setup-engine")
                .hasMessageContaining("--backend process");
    }

    @Test
    void a_registry_host_is_told_apart_from_a_repository_path() {
        assertThat(Images.hasRegistry("kiln/standard:1")).isFalse();
        assertThat(Images.hasRegistry("debian:12")).isFalse();
        assertThat(Images.hasRegistry("registry.example.com/app:1")).isTrue();
        assertThat(Images.hasRegistry("127.0.0.1:5000/app:1")).isTrue();
        assertThat(Images.hasRegistry("localhost/app")).isTrue();
    }
}
