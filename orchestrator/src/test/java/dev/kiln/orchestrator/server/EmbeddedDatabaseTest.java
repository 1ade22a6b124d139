package dev.kiln.orchestrator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kiln.orchestrator.state.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded PostgreSQL lets in only who has its password, fresh, after a restart, and when made by an older Kiln. */
class EmbeddedDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void a_fresh_server_asks_every_connection_for_a_password_kept_0600_and_a_restart_keeps_it() throws Exception {
        Path data = dir.resolve("postgres");
        String password;
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            Path kept = dir.resolve(EmbeddedDatabase.PASSWORD_FILE);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(kept)))
                    .isEqualTo("rw-------");
            assertThat(dir.resolve(EmbeddedDatabase.PASSWORD_FILE + ".pending")).doesNotExist();
            password = Files.readString(kept).strip();
            assertThat(db.database().password()).isEqualTo(password).hasSizeGreaterThan(20);
            refusedWithout(db.database());
            assertThat(select(db.database())).isEqualTo(1);
        }
        try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
            assertThat(again.database().password()).isEqualTo(password);
            assertThat(select(again.database())).isEqualTo(1);
            refusedWithout(again.database());
        }
    }

    @Test
    void a_data_directory_that_trusted_everyone_is_secured_at_its_next_start() throws Exception {
        Path data = dir.resolve("postgres");
        try (EmbeddedPostgres old = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                .setCleanDataDirectory(false)
                .start()) {
            try (Connection c = old.getPostgresDatabase().getConnection()) {
                assertThat(c.isValid(5))
                        .as("as it was: anyone on loopback is let in")
                        .isTrue();
            }
        }
        try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
            refusedWithout(db.database());
            assertThat(select(db.database())).isEqualTo(1);
        }
    }

    private static void refusedWithout(Database database) {
        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password");
        assertThatThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), "postgres", "not it")
                        .close())
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("password authentication failed");
    }

    private static int select(Database database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement s = c.createStatement();
                var rows = s.executeQuery("select 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
