package dev.kiln.orchestrator.state;

import dev.kiln.model.api.AgentKind;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hibernate.reactive.stage.Stage;

/** Tokens and users in PostgreSQL through Hibernate Reactive. */
public final class HibernateAccessStore implements AccessStore {
    private final Stage.SessionFactory sessions;

    /** A store over the database's sessions. */
    public HibernateAccessStore(Stage.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Future<Void> addToken(TokenRecord token) {
        TokenEntity e = new TokenEntity();
        e.id = UUID.randomUUID().toString();
        e.name = token.name();
        e.tokenHash = token.hash();
        e.role = token.role();
        e.userName = token.user().orElse(null);
        e.expiresAt = token.expiresAt().orElse(null);
        e.createdAt = Instant.now();
        token.grant().ifPresent(g -> {
            e.agentKind = g.kind().map(AgentKind::wireName).orElse(null);
            e.agentEnvironments = g.environments()
                    .map(names -> String.join("\n", new TreeSet<>(names)))
                    .orElse(null);
            e.agentLabels = g.labels()
                    .map(names -> String.join("\n", new TreeSet<>(names)))
                    .orElse(null);
        });
        return tx(s -> s.persist(e));
    }

    @Override
    public Future<List<TokenRecord>> agentTokens() {
        return tx(s -> s.createSelectionQuery(
                        "from TokenEntity where role = 'agent' order by name, createdAt", TokenEntity.class)
                .getResultList()
                .thenApply(
                        rows -> rows.stream().map(HibernateAccessStore::record).toList()));
    }

    @Override
    public Future<List<String>> removeAgentTokens(String name) {
        return tx(s -> s.createSelectionQuery(
                        "from TokenEntity where role = 'agent' and name = :name", TokenEntity.class)
                .setParameter("name", name)
                .getResultList()
                .thenCompose(rows -> s.createMutationQuery(
                                "delete from TokenEntity where role = 'agent' and name = :name")
                        .setParameter("name", name)
                        .executeUpdate()
                        .thenApply(n -> rows.stream().map(e -> e.tokenHash).toList())));
    }

    private static TokenRecord record(TokenEntity e) {
        Optional<AgentGrant> grant = e.role.equals("agent")
                ? Optional.of(new AgentGrant(
                        Optional.ofNullable(e.agentKind).map(AgentKind::of),
                        Optional.ofNullable(e.agentEnvironments)
                                .map(names -> names.isEmpty() ? Set.<String>of() : Set.of(names.split("\n"))),
                        Optional.ofNullable(e.agentLabels)
                                .map(names -> names.isEmpty() ? Set.<String>of() : Set.of(names.split("\n")))))
                : Optional.empty();
        return new TokenRecord(
                e.name,
                e.tokenHash,
                e.role,
                Optional.ofNullable(e.userName),
                Optional.ofNullable(e.expiresAt),
                grant,
                Optional.of(e.createdAt));
    }

    @Override
    public Future<Optional<TokenRecord>> token(String hash) {
        return tx(s -> s.createSelectionQuery("from TokenEntity where tokenHash = :hash", TokenEntity.class)
                .setParameter("hash", hash)
                .getResultList()
                .thenApply(rows -> rows.stream().findFirst().map(HibernateAccessStore::record)));
    }

    @Override
    public Future<Boolean> removeToken(String hash) {
        return tx(s -> s.createMutationQuery("delete from TokenEntity where tokenHash = :hash")
                .setParameter("hash", hash)
                .executeUpdate()
                .thenApply(n -> n > 0));
    }

    @Override
    public Future<Integer> removeExpiredTokens(Instant now) {
        return tx(s -> s.createMutationQuery("delete from TokenEntity where expiresAt < :now")
                .setParameter("now", now)
                .executeUpdate());
    }

    @Override
    public Future<Void> addUser(UserRecord user) {
        return tx(s -> s.find(UserEntity.class, user.name()).thenCompose(found -> {
            if (found != null) {
                throw new DuplicateUserException(user.name());
            }
            UserEntity e = new UserEntity();
            e.name = user.name();
            e.passwordHash = user.passwordHash();
            e.role = user.role();
            e.createdAt = user.createdAt();
            return s.persist(e);
        }));
    }

    @Override
    public Future<Optional<UserRecord>> user(String name) {
        return tx(s -> s.find(UserEntity.class, name)
                .thenApply(e -> Optional.ofNullable(e).map(HibernateAccessStore::record)));
    }

    @Override
    public Future<List<UserRecord>> users() {
        return tx(s -> s.createSelectionQuery("from UserEntity order by name", UserEntity.class)
                .getResultList()
                .thenApply(
                        rows -> rows.stream().map(HibernateAccessStore::record).toList()));
    }

    @Override
    public Future<Boolean> removeUser(String name) {
        return tx(s -> s.createMutationQuery("delete from TokenEntity where userName = :name")
                .setParameter("name", name)
                .executeUpdate()
                .thenCompose(tokens -> s.createMutationQuery("delete from UserEntity where name = :name")
                        .setParameter("name", name)
                        .executeUpdate())
                .thenApply(n -> n > 0));
    }

    private static UserRecord record(UserEntity e) {
        return new UserRecord(e.name, e.passwordHash, e.role, e.createdAt);
    }

    private <T> Future<T> tx(Function<Stage.Session, CompletionStage<T>> work) {
        return OwnSessions.tx(sessions, work);
    }
}
