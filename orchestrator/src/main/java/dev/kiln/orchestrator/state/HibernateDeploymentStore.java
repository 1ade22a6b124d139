package dev.kiln.orchestrator.state;

import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.api.DeploymentStatus;
import io.vertx.core.Future;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.hibernate.reactive.stage.Stage;

/** Environments and deployments in PostgreSQL through Hibernate Reactive. */
public final class HibernateDeploymentStore implements DeploymentStore {
    private static final List<String> ENDED = java.util.Arrays.stream(DeploymentStatus.values())
            .filter(DeploymentStatus::isFinal)
            .map(DeploymentStatus::wireName)
            .toList();

    private final Stage.SessionFactory sessions;

    /** A store over an opened database. */
    public HibernateDeploymentStore(Stage.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Future<Void> addEnvironment(EnvironmentRecord environment) {
        return tx(s -> s.find(EnvironmentEntity.class, environment.name()).thenCompose(found -> {
            if (found != null) {
                throw new DuplicateEnvironmentException(environment.name());
            }
            return s.persist(entity(environment));
        }));
    }

    @Override
    public Future<Void> updateEnvironment(EnvironmentRecord environment) {
        return tx(s -> s.merge(entity(environment)).thenApply(e -> null));
    }

    @Override
    public Future<List<EnvironmentRecord>> environments() {
        return tx(s -> s.createSelectionQuery("from EnvironmentEntity order by name", EnvironmentEntity.class)
                .getResultList()
                .thenApply(rows ->
                        rows.stream().map(HibernateDeploymentStore::record).toList()));
    }

    @Override
    public Future<Optional<EnvironmentRecord>> environment(String name) {
        return tx(s -> s.find(EnvironmentEntity.class, name)
                .thenApply(e -> Optional.ofNullable(e).map(HibernateDeploymentStore::record)));
    }

    @Override
    public Future<Boolean> removeEnvironment(String name) {
        return tx(s -> s.createMutationQuery("delete from EnvironmentEntity where name = :name")
                .setParameter("name", name)
                .executeUpdate()
                .thenApply(n -> n > 0));
    }

    @Override
    public Future<Void> saveDeployment(DeploymentRecord deployment) {
        return tx(s -> s.merge(entity(deployment)).thenApply(e -> null));
    }

    @Override
    public Future<Optional<DeploymentRecord>> deployment(String id) {
        return tx(s -> s.find(DeploymentEntity.class, id)
                .thenApply(e -> Optional.ofNullable(e).map(HibernateDeploymentStore::record)));
    }

    @Override
    public Future<List<DeploymentRecord>> deployments(String environment, int limit) {
        String where = environment.isEmpty() ? "" : " where environment = :environment";
        return tx(s -> {
            var query = s.createSelectionQuery(
                    "from DeploymentEntity" + where + " order by createdAt desc", DeploymentEntity.class);
            if (!environment.isEmpty()) {
                query.setParameter("environment", environment);
            }
            return query.setMaxResults(limit)
                    .getResultList()
                    .thenApply(rows ->
                            rows.stream().map(HibernateDeploymentStore::record).toList());
        });
    }

    @Override
    public Future<Optional<DeploymentRecord>> lastSuccessful(String environment) {
        return tx(s -> s.createSelectionQuery(
                        "from DeploymentEntity where environment = :environment and status = :succeeded"
                                + " order by createdAt desc",
                        DeploymentEntity.class)
                .setParameter("environment", environment)
                .setParameter("succeeded", DeploymentStatus.SUCCEEDED.wireName())
                .setMaxResults(1)
                .getResultList()
                .thenApply(rows -> rows.stream().findFirst().map(HibernateDeploymentStore::record)));
    }

    @Override
    public Future<List<DeploymentRecord>> unfinished() {
        return tx(s -> s.createSelectionQuery(
                        "from DeploymentEntity where status not in :ended order by createdAt", DeploymentEntity.class)
                .setParameter("ended", ENDED)
                .getResultList()
                .thenApply(rows ->
                        rows.stream().map(HibernateDeploymentStore::record).toList()));
    }

    private static EnvironmentEntity entity(EnvironmentRecord r) {
        EnvironmentEntity e = new EnvironmentEntity();
        e.name = r.name();
        e.id = r.id();
        e.settings = r.settings();
        e.privateKey = r.encryptedKey();
        e.createdAt = r.createdAt();
        return e;
    }

    private static EnvironmentRecord record(EnvironmentEntity e) {
        return new EnvironmentRecord(e.name, e.id, e.settings, e.privateKey, e.createdAt);
    }

    private static DeploymentEntity entity(DeploymentRecord r) {
        DeploymentEntity e = new DeploymentEntity();
        e.id = r.id();
        e.environment = r.environment();
        e.application = r.application();
        e.runId = r.runId();
        e.jobId = r.jobId();
        e.revisionKey = r.revisionKey();
        e.commit = r.commit();
        e.creator = r.creator().wireName();
        e.status = r.status().wireName();
        e.errorCode = r.errorCode();
        e.message = r.message();
        e.rollbackOf = r.rollbackOf();
        e.rolledBackBy = r.rolledBackBy();
        e.redeployOf = r.redeployOf();
        e.report = r.report();
        e.createdAt = r.createdAt();
        e.endedAt = r.endedAt().orElse(null);
        return e;
    }

    private static DeploymentRecord record(DeploymentEntity e) {
        return new DeploymentRecord(
                e.id,
                e.environment,
                e.application,
                e.runId,
                e.jobId,
                e.revisionKey,
                e.commit,
                DeploymentCreator.of(e.creator),
                DeploymentStatus.of(e.status),
                e.errorCode,
                e.message,
                e.rollbackOf,
                e.rolledBackBy,
                e.redeployOf,
                e.report,
                e.createdAt,
                Optional.ofNullable(e.endedAt));
    }

    private <T> Future<T> tx(Function<Stage.Session, CompletionStage<T>> work) {
        return OwnSessions.tx(sessions, work);
    }
}
