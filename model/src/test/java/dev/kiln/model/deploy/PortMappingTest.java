package dev.kiln.model.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortMappingTest {
    @Test
    void reads_the_forms_docker_run_takes() {
        assertThat(PortMapping.parse("8080:80")).isEqualTo(new PortMapping("", 8080, 80, "tcp"));
        assertThat(PortMapping.parse("127.0.0.1:8080:80/udp")).isEqualTo(new PortMapping("127.0.0.1", 8080, 80, "udp"));
        assertThat(PortMapping.parse("80")).isEqualTo(new PortMapping("", 0, 80, "tcp"));
        assertThat(PortMapping.parse("127.0.0.1::80")).isEqualTo(new PortMapping("127.0.0.1", 0, 80, "tcp"));
        assertThat(PortMapping.parse("8080:80").fixed()).isTrue();
        assertThat(PortMapping.parse("80").fixed()).isFalse();
        assertThat(PortMapping.parse("127.0.0.1:8080:80/udp")).hasToString("127.0.0.1:8080:80/udp");
    }

    @Test
    void names_what_is_wrong() {
        assertThatThrownBy(() -> PortMapping.parse("80/sctp")).hasMessageContaining("tcp or udp");
        assertThatThrownBy(() -> PortMapping.parse("web:80")).hasMessageContaining("'web' is not a port number");
        assertThatThrownBy(() -> PortMapping.parse("8080:0")).hasMessageContaining("not between 1 and 65535");
        assertThatThrownBy(() -> PortMapping.parse("1:2:3:4")).hasMessageContaining("expected [IP:]HOST_PORT");
    }

    @Test
    void a_container_target_never_shows_its_environment_values() {
        ContainerTarget target = new ContainerTarget(
                "unix:///run/docker.sock",
                "web",
                List.of(PortMapping.parse("8080:80")),
                Map.of("DB_PASSWORD", "hunter2"),
                List.of(),
                "",
                Map.of(),
                "",
                30);
        assertThat(target.toString()).contains("DB_PASSWORD").doesNotContain("hunter2");
        assertThat(target.fixedPorts()).isTrue();
    }
}
