package dev.kiln.orchestrator.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.Principal;
import dev.kiln.model.api.Role;
import dev.kiln.orchestrator.state.AgentGrant;
import dev.kiln.orchestrator.state.HibernateAccessStore;
import dev.kiln.orchestrator.state.TokenRecord;
import dev.kiln.orchestrator.testing.StoreDatabase;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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

    @Test
    void an_agent_token_is_bound_to_its_kind_and_environments_listed_and_revoked_at_once() {
        AgentGrant prod = new AgentGrant(
                Optional.of(AgentKind.DEPLOY), Optional.of(Set.of("prod", "staging")), Optional.of(Set.of("eu")));
        String token = database.await(() -> tokens.createAgent("deployer-1", prod));
        assertThatThrownBy(() -> database.await(() -> tokens.createAgent("deployer-1", AgentGrant.unbound())))
                .isInstanceOf(DuplicateAgentTokenException.class)
                .hasMessageContaining("kiln agents tokens revoke deployer-1");

        Caller caller = database.await(() -> tokens.caller(token)).orElseThrow();
        assertThat(caller.principal()).isEqualTo(new Principal("deployer-1", Role.AGENT));
        assertThat(caller.tokenHash()).isEqualTo(Tokens.hash(token));
        assertThat(caller.grant()).contains(prod);
        assertThat(caller.grant().orElseThrow().allows(AgentKind.BUILD)).isFalse();
        assertThat(caller.grant().orElseThrow().allowsEnvironment("dev")).isFalse();
        assertThat(caller.grant().orElseThrow().disallowedLabels(List.of("eu", "gpu")))
                .containsExactly("gpu");
        assertThat(AgentGrant.of(AgentKind.BUILD).disallowedLabels(List.of("gpu")))
                .isEmpty();

        List<TokenRecord> listed = database.await(() -> tokens.agentTokens());
        assertThat(listed).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("deployer-1");
            assertThat(t.grant()).contains(prod);
            assertThat(t.createdAt()).isPresent();
            assertThat(t.toString()).doesNotContain(token);
        });

        // remembered for a minute, but a revocation forgets it at once
        assertThat(database.await(() -> tokens.revokeAgent("deployer-1"))).isTrue();
        assertThat(database.await(() -> tokens.caller(token))).isEmpty();
        assertThat(database.await(() -> tokens.revokeAgent("deployer-1"))).isFalse();
    }

    @Test
    void an_agent_token_made_before_tokens_were_bound_may_be_a_build_agent_only() {
        String token = "0123456789abcdef0123456789abcdef";
        database.await(() -> tokens.adopt("agents", token, Role.AGENT));
        AgentGrant grant =
                database.await(() -> tokens.caller(token)).orElseThrow().grant().orElseThrow();
        assertThat(grant).isEqualTo(AgentGrant.unbound());
        assertThat(grant.allows(AgentKind.BUILD)).isTrue();
        assertThat(grant.allows(AgentKind.DEPLOY))
                .as("never a deploy job's secrets for a token nobody bound")
                .isFalse();
    }
}
