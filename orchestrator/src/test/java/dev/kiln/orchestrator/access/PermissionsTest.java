package dev.kiln.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.Role;
import dev.kiln.model.api.UnknownNameException;
import org.junit.jupiter.api.Test;

class PermissionsTest {
    @Test
    void reading_needs_a_viewer_running_things_an_operator_the_rest_an_admin() {
        assertThat(Permissions.needed("GET", "/api/v1/runs/7")).isEqualTo(Role.VIEWER);
        assertThat(Permissions.needed("GET", "/api/v1/jobs/j/log/stream")).isEqualTo(Role.VIEWER);
        assertThat(Permissions.needed("GET", "/api/v1/users")).isEqualTo(Role.ADMIN);
        assertThat(Permissions.needed("POST", "/api/v1/runs")).isEqualTo(Role.OPERATOR);
        assertThat(Permissions.needed("POST", "/api/v1/runs/7/approval")).isEqualTo(Role.OPERATOR);
        assertThat(Permissions.needed("POST", "/api/v1/runs/7/retry")).isEqualTo(Role.OPERATOR);
        assertThat(Permissions.needed("POST", "/api/v1/runs/7/stop")).isEqualTo(Role.OPERATOR);
        assertThat(Permissions.needed("POST", "/api/v1/deployments/d-1/stop")).isEqualTo(Role.OPERATOR);
        assertThat(Permissions.needed("POST", "/api/v1/environments/prod/rollback"))
                .isEqualTo(Role.OPERATOR);
        assertThat(Permissions.needed("POST", "/api/v1/repositories")).isEqualTo(Role.ADMIN);
        assertThat(Permissions.needed("POST", "/api/v1/environments")).isEqualTo(Role.ADMIN);
        assertThat(Permissions.needed("DELETE", "/api/v1/environments/prod")).isEqualTo(Role.ADMIN);
        assertThat(Permissions.needed("POST", "/api/v1/agents/a1/lease")).isEqualTo(Role.AGENT);
        assertThat(Permissions.needed("PUT", "/api/v1/agents/a1")).isEqualTo(Role.AGENT);
        assertThat(Permissions.needed("POST", "/api/v1/jobs/j1/log")).isEqualTo(Role.AGENT);
        assertThat(Permissions.needed("POST", "/api/v1/jobs/j1/objects")).isEqualTo(Role.AGENT);
        assertThat(Permissions.needed("GET", "/api/v1/jobs/j1/objects")).isEqualTo(Role.AGENT);
        assertThat(Permissions.needed("GET", "/api/v1/jobs/j1/log")).isEqualTo(Role.VIEWER);
        assertThat(Permissions.needed("POST", "/api/v1/jobs/j1/deployments/d-1"))
                .isEqualTo(Role.AGENT);
        assertThat(Permissions.needed("POST", "/api/v1/agent-tokens")).isEqualTo(Role.ADMIN);
        assertThat(Permissions.needed("POST", "/api/v1/runs/7/jobs")).isEqualTo(Role.ADMIN);
        assertThat(Permissions.needed("DELETE", "/api/v1/sessions")).isEqualTo(Role.VIEWER);
    }

    @Test
    void roles_cover_the_ones_below_them_and_unknown_names_are_refused() {
        assertThat(Role.ADMIN.covers(Role.OPERATOR)).isTrue();
        assertThat(Role.OPERATOR.covers(Role.ADMIN)).isFalse();
        assertThat(Role.ADMIN.covers(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.covers(Role.AGENT)).isTrue();
        assertThat(Role.AGENT.covers(Role.VIEWER)).isFalse();
        assertThat(Role.OPERATOR.covers(Role.AGENT)).isFalse();
        assertThat(Role.of(" Operator ")).isEqualTo(Role.OPERATOR);
        assertThatThrownBy(() -> Role.of("root"))
                .isInstanceOf(UnknownNameException.class)
                .hasMessageContaining("viewer, operator, admin, agent");
    }

    @Test
    void passwords_are_salted_and_checked() {
        String stored = Passwords.hash("correct horse battery");
        assertThat(stored).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct");
        assertThat(Passwords.hash("correct horse battery")).isNotEqualTo(stored);
        assertThat(Passwords.matches("correct horse battery", stored)).isTrue();
        assertThat(Passwords.matches("correct horse batterY", stored)).isFalse();
        assertThat(Passwords.matches("anything", "plain")).isFalse();
    }
}
