package dev.kiln.orchestrator.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.orchestrator.testing.StoreDatabase;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tokens and users against a real PostgreSQL, migrated by the real migrations. */
class HibernateAccessStoreTest {
    private StoreDatabase database;
    private AccessStore store;

    @BeforeEach
    void open() {
        database = new StoreDatabase();
        store = new HibernateAccessStore(database.sessions());
    }

    @AfterEach
    void close() {
        database.close();
    }

    private <T> T await(java.util.function.Supplier<io.vertx.core.Future<T>> work) {
        return database.await(work);
    }

    @Test
    void expired_logins_are_deleted_and_tokens_without_expiry_stay() {
        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        await(() -> store.addToken(new TokenRecord("ci", "h1", "admin", Optional.empty(), Optional.empty())));
        await(() -> store.addToken(
                new TokenRecord("ann", "h2", "viewer", Optional.of("ann"), Optional.of(now.minusSeconds(1)))));
        await(() -> store.addToken(
                new TokenRecord("ann", "h3", "viewer", Optional.of("ann"), Optional.of(now.plusSeconds(60)))));

        assertThat(await(() -> store.removeExpiredTokens(now))).isEqualTo(1);
        assertThat(await(() -> store.token("h1"))).isPresent();
        assertThat(await(() -> store.token("h2"))).isEmpty();
        assertThat(await(() -> store.token("h3")).orElseThrow().user()).contains("ann");
    }

    @Test
    void users_are_added_once_and_removed_with_their_logins() {
        UserRecord ann = new UserRecord("ann", "pbkdf2-sha256$1$x$y", "operator", Instant.now());
        await(() -> store.addUser(ann));
        assertThatThrownBy(() -> await(() -> store.addUser(ann))).isInstanceOf(DuplicateUserException.class);
        await(() -> store.addToken(new TokenRecord("ann", "h4", "operator", Optional.of("ann"), Optional.empty())));

        assertThat(await(() -> store.removeUser("ann"))).isTrue();
        assertThat(await(() -> store.token("h4"))).isEmpty();
        assertThat(await(() -> store.users())).isEmpty();
        assertThat(await(() -> store.removeUser("ann"))).isFalse();
    }
}
