package dev.kiln.orchestrator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class DatabaseUrlTest {

    @Test
    void a_password_given_apart_joins_a_url_that_has_none() {
        String url = Database.url("postgresql://kiln@postgres:5432/kiln", Optional.of("p@ss:w/rd"));
        Database database = Database.fromUrl(url, Optional.empty(), Optional.empty());
        assertThat(database.user()).isEqualTo("kiln");
        assertThat(database.password()).isEqualTo("p@ss:w/rd");
        assertThat(database.jdbcUrl()).isEqualTo("jdbc:postgresql://postgres:5432/kiln");
        assertThat(Database.url("postgresql://kiln@db/kiln", Optional.empty())).isEqualTo("postgresql://kiln@db/kiln");
    }

    @Test
    void a_password_given_twice_is_refused_and_errors_never_show_one() {
        assertThatThrownBy(() -> Database.url("postgresql://kiln:one@db/kiln", Optional.of("two")))
                .isInstanceOf(StateUnavailableException.class)
                .hasMessageContaining("give it one way")
                .hasMessageNotContaining("one@")
                .hasMessageNotContaining("two");
        assertThatThrownBy(() -> Database.fromUrl("mysql://kiln:hunter2@db/kiln", Optional.empty(), Optional.empty()))
                .hasMessageContaining("mysql://kiln:***@db/kiln")
                .hasMessageNotContaining("hunter2");
    }
}
