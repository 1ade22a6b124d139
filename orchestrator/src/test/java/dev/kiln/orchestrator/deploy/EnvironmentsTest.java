package dev.kiln.orchestrator.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.model.api.DeploymentCreator;
import dev.kiln.model.api.DeploymentStatus;
import dev.kiln.model.api.NewEnvironment;
import dev.kiln.model.deploy.ContainerTarget;
import dev.kiln.model.deploy.KnownHostKey;
import dev.kiln.model.deploy.PortMapping;
import dev.kiln.model.deploy.SshTarget;
import dev.kiln.orchestrator.OrchestratorException;
import dev.kiln.orchestrator.state.Database;
import dev.kiln.orchestrator.state.DeploymentRecord;
import dev.kiln.orchestrator.state.DeploymentStore;
import dev.kiln.orchestrator.state.DuplicateEnvironmentException;
import dev.kiln.orchestrator.state.EnvironmentRecord;
import dev.kiln.orchestrator.state.HibernateDeploymentStore;
import dev.kiln.orchestrator.testing.OnContext;
import dev.kiln.orchestrator.testing.TestPostgres;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.hibernate.reactive.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Environments against a real PostgreSQL: checks, keys sealed at rest, host keys learned, deployment history. */
class EnvironmentsTest {
    static final String KEY =
            "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n" + "-----END OPENSSH PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    Database database;
    Vertx vertx;
    Context context;
    Stage.SessionFactory sessions;
    DeploymentStore store;
    Environments environments;

    @BeforeEach
    void open() {
        database = TestPostgres.freshDatabase();
        database.migrate();
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        sessions = database.open(vertx);
        store = new HibernateDeploymentStore(sessions);
        environments = new Environments(store, SecretBox.open(dir, Optional.empty()), Clock.systemUTC());
    }

    @AfterEach
    void close() {
        sessions.close();
        vertx.close();
    }

    private <T> T await(Supplier<Future<T>> work) {
        return OnContext.await(context, work);
    }

    private static NewEnvironment env(String name, List<String> hosts, String key, String config, String min) {
        return NewEnvironment.ssh(name, hosts, key, null, false, config, min);
    }

    @Test
    void keys_are_sealed_at_rest_and_opened_only_for_the_agent() throws Exception {
        EnvironmentRecord added =
                await(() -> environments.add(env("dev", List.of("deploy@10.0.0.5:2222"), KEY, null, null)));

        assertThat(added.encryptedKey()).startsWith("v1:").doesNotContain("PRIVATE KEY");
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select settings, private_key from environments")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1) + rows.getString(2))
                    .doesNotContain("PRIVATE KEY")
                    .doesNotContain("b3Bl");
        }
        SshTarget target = environments.sshTarget(added);
        assertThat(target.privateKey()).isEqualTo(KEY);
        assertThat(target.root()).isEqualTo("~/kiln/dev");
        assertThat(target.toString()).doesNotContain("PRIVATE");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.key"))))
                .isEqualTo("rw-------");
    }

    private static NewEnvironment container(
            String engine,
            List<String> ports,
            Map<String, String> env,
            List<String> volumes,
            Map<String, String> labels) {
        return new NewEnvironment(
                "prod",
                null,
                null,
                null,
                null,
                null,
                null,
                "http://localhost:8080/health",
                30,
                null,
                null,
                null,
                engine,
                "web",
                ports,
                env,
                volumes,
                "shop",
                labels);
    }

    @Test
    void a_container_environment_keeps_its_variables_sealed_and_shows_only_their_names() throws Exception {
        EnvironmentRecord added = await(() -> environments.add(container(
                "unix:///run/podman/podman.sock",
                List.of("8080:80", "9090"),
                Map.of("DB_PASSWORD", "hunter2-value"),
                List.of("data:/var/lib/app"),
                Map.of("team", "shop"))));

        assertThat(added.settings()).contains("DB_PASSWORD").doesNotContain("hunter2-value");
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), "postgres", "");
                Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select settings, private_key from environments")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1) + rows.getString(2)).doesNotContain("hunter2-value");
        }
        assertThat(environments.sshTarget(added)).isNull();
        ContainerTarget target = environments.containerTarget(added);
        assertThat(target.env()).containsEntry("DB_PASSWORD", "hunter2-value");
        assertThat(target.ports()).extracting(PortMapping::toString).containsExactly("8080:80", "9090");
        assertThat(target.fixedPorts()).isTrue();
        assertThat(target.container()).isEqualTo("web");
        assertThat(target.network()).isEqualTo("shop");
        assertThat(target.healthTimeoutSeconds()).isEqualTo(30);
        assertThat(Environments.settings(added).docker().envNames()).containsExactly("DB_PASSWORD");
    }

    @Test
    void bad_container_settings_are_refused_naming_the_field() {
        Map<String, String> none = Map.of();
        assertThatThrownBy(() ->
                        await(() -> environments.add(container("localhost:2375", List.of(), none, List.of(), none))))
                .hasMessageContaining("field docker");
        assertThatThrownBy(() -> await(
                        () -> environments.add(container("tcp://h:2375", List.of("80:http"), none, List.of(), none))))
                .hasMessageContaining("field ports");
        assertThatThrownBy(() -> await(() ->
                        environments.add(container("tcp://h:2375", List.of(), Map.of("A-B", "x"), List.of(), none))))
                .hasMessageContaining("field env");
        assertThatThrownBy(() -> await(
                        () -> environments.add(container("tcp://h:2375", List.of(), none, List.of("data"), none))))
                .hasMessageContaining("field volumes");
        assertThatThrownBy(() -> await(() -> environments.add(
                        container("tcp://h:2375", List.of(), none, List.of(), Map.of("kiln.role", "x")))))
                .hasMessageContaining("field labels");
    }

    @Test
    void a_key_sealed_under_another_server_key_is_refused_with_a_clear_message() {
        byte[] other = new byte[32];
        other[0] = 1;
        String sealed = SecretBox.of(other).seal("secret");

        assertThatThrownBy(() -> SecretBox.of(new byte[32]).open(sealed))
                .isInstanceOf(OrchestratorException.class)
                .hasMessageContaining("not the one it was stored with");
        assertThat(SecretBox.open(dir, Optional.of(Base64.getEncoder().encodeToString(other)))
                        .open(sealed))
                .isEqualTo("secret");
    }

    @Test
    void bad_settings_are_refused_naming_the_field() {
        assertThatThrownBy(() -> await(() -> environments.add(env("dev", List.of("10.0.0.5"), KEY, null, null))))
                .hasMessageContaining("USER@HOST");
        assertThatThrownBy(
                        () -> await(() -> environments.add(env("dev", List.of("a@b"), "ssh-ed25519 AAAA", null, null))))
                .hasMessageContaining("field privateKey");
        assertThatThrownBy(() -> await(() -> environments.add(env("dev", List.of("a@b"), KEY, "Fast", null))))
                .hasMessageContaining("OneAtATime, HalfAtATime or AllAtOnce");
        assertThatThrownBy(() -> await(() -> environments.add(env("dev", List.of("a@b"), KEY, null, "150%"))))
                .hasMessageContaining("between 0 and 99");
        assertThatThrownBy(() -> await(() -> environments.add(env("dev env", List.of("a@b"), KEY, null, null))))
                .hasMessageContaining("field name");
        await(() -> environments.add(env("dev", List.of("a@b"), KEY, null, null)));
        assertThatThrownBy(() -> await(() -> environments.add(env("dev", List.of("a@b"), KEY, null, null))))
                .isInstanceOf(DuplicateEnvironmentException.class);
        assertThatThrownBy(() -> await(() -> environments.get("prod")))
                .isInstanceOf(UnknownEnvironmentException.class)
                .hasMessageContaining("kiln environments add prod");
    }

    @Test
    void reads_overlapping_on_one_context_each_get_their_own_session() {
        await(() -> environments.add(env("dev", List.of("a@b"), KEY, null, null)));
        await(() -> environments.add(env("qa", List.of("a@c"), KEY, null, null)));

        List<Optional<DeploymentRecord>> live = await(() -> Future.all(
                        List.of(store.lastSuccessful("dev"), store.lastSuccessful("qa"), store.lastSuccessful("dev")))
                .map(all -> all.<Optional<DeploymentRecord>>list()));

        assertThat(live).hasSize(3).allMatch(Optional::isEmpty);
    }

    @Test
    void host_keys_learned_on_first_use_are_kept() {
        await(() -> environments.add(NewEnvironment.ssh("dev", List.of("a@b"), KEY, null, true, null, null)));
        KnownHostKey key = new KnownHostKey("b", "SHA256:abc");

        await(() -> environments.trust("dev", List.of(key)));
        await(() -> environments.trust("dev", List.of(key)));
        // once a host has a key, a report cannot add another; nor keys of hosts the environment does not have
        await(() -> environments.trust(
                "dev", List.of(new KnownHostKey("b", "SHA256:forged"), new KnownHostKey("elsewhere", "SHA256:x"))));

        EnvironmentRecord read = await(() -> environments.get("dev"));
        assertThat(Environments.settings(read).knownHostKeys()).containsExactly(key);
    }

    @Test
    void host_keys_reported_where_trust_on_first_use_is_off_are_not_kept() {
        await(() -> environments.add(env("strict", List.of("a@b"), KEY, null, null)));

        await(() -> environments.trust("strict", List.of(new KnownHostKey("b", "SHA256:abc"))));

        EnvironmentRecord read = await(() -> environments.get("strict"));
        assertThat(Environments.settings(read).knownHostKeys()).isEmpty();
    }

    @Test
    void the_last_successful_deployment_is_the_newest_that_succeeded() {
        Instant t = Instant.parse("2026-12-01T10:00:00Z");
        DeploymentRecord a = DeploymentRecord.created(
                        "d-A", "dev", "app", "r1", "j1", "k1", "c1", DeploymentCreator.PIPELINE, t)
                .ended(DeploymentStatus.SUCCEEDED, "", "", "", t.plusSeconds(5));
        DeploymentRecord b = DeploymentRecord.created(
                        "d-B", "dev", "app", "r2", "j2", "k2", "c2", DeploymentCreator.PIPELINE, t.plusSeconds(10))
                .ended(DeploymentStatus.FAILED, "HEALTH_CONSTRAINTS", "", "", t.plusSeconds(15));
        await(() -> store.saveDeployment(a));
        await(() -> store.saveDeployment(b));
        await(() -> store.saveDeployment(DeploymentRecord.created(
                "d-C", "dev", "app", "r3", "j3", "k3", "c3", DeploymentCreator.PIPELINE, t.plusSeconds(20))));

        assertThat(await(() -> store.lastSuccessful("dev")).map(DeploymentRecord::id))
                .contains("d-A");
        assertThat(await(() -> store.deployments("dev", 10)).stream().map(DeploymentRecord::id))
                .containsExactly("d-C", "d-B", "d-A");
        assertThat(await(() -> store.unfinished()).stream().map(DeploymentRecord::id))
                .containsExactly("d-C");
    }
}
