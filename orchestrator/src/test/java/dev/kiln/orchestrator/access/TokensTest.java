package dev.kiln.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.state.HibernateAccessStore;
import dev.kiln.orchestrator.testing.StoreDatabase;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens a deployment chooses (the compose stack's .env) kept against a real PostgreSQL. */
class TokensTest {
    private StoreDatabase database;
    private Tokens tokens;

    @BeforeEach
    void open() {
        database = new StoreDatabase();
        tokens = new Tokens(new HibernateAccessStore(database.sessions()), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void an_adopted_token_speaks_for_its_role_and_adopting_it_again_changes_nothing() {
        String token = "0123456789abcdef0123456789abcdef";
        database.await(() -> tokens.adopt("agents", token, Role.AGENT));
        database.await(() -> tokens.adopt("agents", token, Role.AGENT));

        Principal principal = database.await(() -> tokens.principal(token)).orElseThrow();
        assertThat(principal.role()).isEqualTo(Role.AGENT);
        assertThat(principal.name()).isEqualTo("agents");
        assertThat(database.await(() -> tokens.principal(token + "x"))).isEmpty();
    }

    @Test
    void a_short_or_odd_token_is_refused_with_how_to_make_one() {
        assertThatThrownBy(() -> database.await(() -> tokens.adopt("admin-token", "secret", Role.ADMIN)))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("at least 24")
                .hasMessageContaining("openssl rand -hex 24");
        assertThatThrownBy(() -> database.await(
                        () -> tokens.adopt("admin-token", "0123456789abcdef 0123456789abcdef", Role.ADMIN)))
                .isInstanceOf(InvalidTokenException.class);
    }
}
