package dev.kiln.orchestrator.state;

import io.vertx.core.Vertx;
import java.net.URI;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.cfg.Configuration;
import org.hibernate.reactive.provider.ReactiveServiceRegistryBuilder;
import org.hibernate.reactive.stage.Stage;
import org.hibernate.reactive.vertx.VertxInstance;

/**
 * A PostgreSQL database: brought to the newest schema by the migrations, then opened through Hibernate Reactive on
 * the orchestrator's own Vert.x.
 *
 * @param jdbcUrl {@code jdbc:postgresql://host:port/db}
 * @param user the user
 * @param password the password
 */
public record Database(String jdbcUrl, String user, String password) {

    /**
     * Reads {@code postgresql://user:password@host:port/db} (or {@code postgres://}, or a {@code jdbc:} URL with
     * the credentials given apart).
     */
    public static Database fromUrl(String url, Optional<String> user, Optional<String> password) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = URI.create(plain.replaceFirst("^postgres://", "postgresql://"));
        } catch (IllegalArgumentException e) {
            throw new StateUnavailableException(
                    "not a database URL: " + shown(url) + "; use postgresql://USER:PASSWORD@HOST:PORT/DATABASE", e);
        }
        if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new StateUnavailableException(
                    "not a database URL: " + shown(url) + "; use postgresql://USER:PASSWORD@HOST:PORT/DATABASE", null);
        }
        String info = uri.getUserInfo() == null ? "" : uri.getUserInfo();
        int colon = info.indexOf(':');
        String urlUser = colon < 0 ? info : info.substring(0, colon);
        String urlPassword = colon < 0 ? "" : info.substring(colon + 1);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String db = uri.getPath() == null || uri.getPath().length() <= 1
                ? "postgres"
                : uri.getPath().substring(1);
        return new Database(
                "jdbc:postgresql://" + uri.getHost() + ":" + port + "/" + db,
                user.orElse(urlUser.isEmpty() ? "postgres" : urlUser),
                password.orElse(urlPassword));
    }

    /**
     * The server's URL as settings give it: {@code url}, with the password {@code password} when one is given apart
     * ({@code KILN_DATABASE_PASSWORD}, which may come from a file) and none is in the URL.
     *
     * @throws StateUnavailableException when the URL is not one, or holds a password too
     */
    public static String url(String url, Optional<String> password) {
        if (password.isEmpty() || password.get().isEmpty()) {
            return url;
        }
        URI uri;
        try {
            uri = URI.create(url.replaceFirst("^postgres://", "postgresql://"));
        } catch (IllegalArgumentException e) {
            throw new StateUnavailableException(
                    "not a database URL: " + shown(url) + "; use postgresql://USER@HOST:PORT/DATABASE", e);
        }
        String info = uri.getUserInfo() == null ? "postgres" : uri.getUserInfo();
        if (info.contains(":")) {
            throw new StateUnavailableException(
                    "the database URL holds a password and KILN_DATABASE_PASSWORD gives another: give it one way",
                    null);
        }
        try {
            return new URI(
                            uri.getScheme(),
                            info + ":" + password.get(),
                            uri.getHost(),
                            uri.getPort(),
                            uri.getPath(),
                            uri.getQuery(),
                            null)
                    .toString();
        } catch (java.net.URISyntaxException e) {
            throw new StateUnavailableException("not a database URL: " + shown(url), e);
        }
    }

    /** A URL as errors may show it: without its password. */
    static String shown(String url) {
        return url.replaceFirst("(://[^:/@]*):[^@/]*@", "$1:***@");
    }

    @Override
    public String toString() {
        return "Database[" + jdbcUrl + ", user " + user + "]";
    }

    /** Applies the migrations not yet applied; blocking. */
    public void migrate() {
        try {
            Flyway.configure()
                    .dataSource(jdbcUrl, user, password)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StateUnavailableException(
                    "could not bring the database at " + jdbcUrl + " to Kiln's schema: " + e.getMessage(), e);
        }
    }

    /** Opens the database on this Vert.x; the schema must be migrated already (it is validated). */
    public Stage.SessionFactory open(Vertx vertx) {
        Configuration configuration = new Configuration();
        configuration.setProperty("jakarta.persistence.jdbc.url", jdbcUrl);
        configuration.setProperty("jakarta.persistence.jdbc.user", user);
        configuration.setProperty("jakarta.persistence.jdbc.password", password);
        configuration.setProperty("hibernate.connection.pool_size", "8");
        // a database that does not answer fails a call in seconds (503), not a minute or never
        configuration.setProperty("hibernate.vertx.pool.connect_timeout", "5000");
        configuration.setProperty("hibernate.vertx.pool.max_wait_queue_size", "1000");
        configuration.setProperty("hibernate.hbm2ddl.auto", "validate");
        configuration.setProperty("hibernate.show_sql", "false");
        for (Class<?> entity : new Class<?>[] {
            RepositoryEntity.class,
            RunEntity.class,
            StageRunEntity.class,
            ActionRunEntity.class,
            StatusChangeEntity.class,
            StageEntryEntity.class,
            JobEntity.class,
            LogChunkEntity.class,
            TokenEntity.class,
            UserEntity.class,
            EnvironmentEntity.class,
            DeploymentEntity.class
        }) {
            configuration.addAnnotatedClass(entity);
        }
        StandardServiceRegistry registry = new ReactiveServiceRegistryBuilder()
                .applySettings(configuration.getProperties())
                .addService(VertxInstance.class, (VertxInstance) () -> vertx)
                .build();
        return configuration.buildSessionFactory(registry).unwrap(Stage.SessionFactory.class);
    }
}
