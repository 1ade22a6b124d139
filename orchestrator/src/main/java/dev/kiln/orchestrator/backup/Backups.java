package dev.kiln.orchestrator.backup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.kit.store.StoredObject;
import dev.kiln.orchestrator.state.Database;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;

/**
 * {@code kiln backup} and {@code kiln restore}: one tar.gz holding {@code kiln-backup.json} (the {@link Manifest}),
 * each table as PostgreSQL's COPY text ({@code tables/NN-NAME.copy}, read in one repeatable-read snapshot, so runs,
 * jobs and logs agree) and each object of the store ({@code objects/KEY}). A restore goes into a fresh database
 * (migrated first) and store; the secret key that seals environments' secrets is not in it (keep it apart).
 */
public final class Backups {
    static final String MANIFEST = "kiln-backup.json";
    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Backups() {}

    /** Writes a backup of {@code database} (and of {@code store}'s objects, with {@code objects}) to {@code out}. */
    public static Manifest backup(
            Database database, ArtifactStore store, Path out, boolean objects, Consumer<String> progress) {
        Path work = null;
        try {
            work = Files.createTempDirectory("kiln-backup");
            List<Manifest.Table> tables = new ArrayList<>();
            String schema;
            try (Connection c = connect(database)) {
                c.setAutoCommit(false);
                c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                c.setReadOnly(true);
                schema = Tables.schemaVersion(c);
                for (String table : Tables.inOrder(c)) {
                    List<String> columns = Tables.columns(c, table);
                    long rows;
                    try (OutputStream copy = new BufferedOutputStream(Files.newOutputStream(work.resolve(table)))) {
                        rows = c.unwrap(PGConnection.class)
                                .getCopyAPI()
                                .copyOut(
                                        "COPY " + Tables.quote(table) + " (" + columnList(columns) + ") TO STDOUT",
                                        copy);
                    }
                    tables.add(new Manifest.Table(table, columns, rows));
                    progress.accept("table " + table + ": " + rows + " rows");
                }
                c.commit();
            }
            List<StoredObject> listed = objects ? store.list("") : List.of();
            List<Manifest.StoredObjectEntry> entries = listed.stream()
                    .map(o -> new Manifest.StoredObjectEntry(o.key(), o.size()))
                    .toList();
            Manifest manifest = new Manifest(Manifest.FORMAT, schema, Instant.now(), tables, entries);
            Path partial = out.resolveSibling(out.getFileName() + ".partial");
            // token hashes, sealed secrets and logs: readable by the owner alone, whatever the umask
            Files.deleteIfExists(partial);
            Files.createFile(
                    partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                    new GzipCompressorOutputStream(new BufferedOutputStream(Files.newOutputStream(partial))))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                add(tar, MANIFEST, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
                for (int i = 0; i < tables.size(); i++) {
                    add(
                            tar,
                            String.format(
                                    "tables/%02d-%s.copy", i, tables.get(i).name()),
                            work.resolve(tables.get(i).name()));
                }
                int done = 0;
                for (StoredObject object : listed) {
                    Path file = work.resolve("object");
                    try (InputStream in = store.get(object.key())) {
                        Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                    add(tar, "objects/" + object.key(), file);
                    if (++done % 100 == 0) {
                        progress.accept(done + " of " + listed.size() + " objects");
                    }
                }
            }
            Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return manifest;
        } catch (SQLException e) {
            throw new BackupException(
                    "could not read the database at " + database.jdbcUrl() + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new BackupException("could not write the backup " + out + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    /**
     * Restores a backup into {@code database}, which must hold no runs or users yet (it is migrated first), and its
     * objects into {@code store}.
     *
     * @throws BackupException when the file is no backup, was made by a newer Kiln, or the database is not fresh
     */
    public static Manifest restore(Database database, ArtifactStore store, Path in, Consumer<String> progress) {
        Path work = null;
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                        new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(in))));
                Connection c = connect(database)) {
            TarArchiveEntry first = tar.getNextEntry();
            if (first == null || !first.getName().equals(MANIFEST)) {
                throw new BackupException(in + " is not a Kiln backup: it does not begin with " + MANIFEST, null);
            }
            Manifest manifest = JSON.readValue(tar.readAllBytes(), Manifest.class);
            if (manifest.format() != Manifest.FORMAT) {
                throw new BackupException(
                        in + " has backup format " + manifest.format() + "; this Kiln reads " + Manifest.FORMAT, null);
            }
            database.migrate();
            String ours = Tables.schemaVersion(c);
            if (Integer.parseInt(manifest.schemaVersion()) > Integer.parseInt(ours)) {
                throw new BackupException(
                        in + " was made at schema version " + manifest.schemaVersion() + ", newer than this Kiln's "
                                + ours + ": restore it with that Kiln or a later one",
                        null);
            }
            refuseUnlessFresh(c, database);
            c.setAutoCommit(false);
            work = Files.createTempDirectory("kiln-restore");
            int table = 0;
            int objects = 0;
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().startsWith("tables/")) {
                    Manifest.Table t = manifest.tables().get(table++);
                    long rows = c.unwrap(PGConnection.class)
                            .getCopyAPI()
                            .copyIn(
                                    "COPY " + Tables.quote(t.name()) + " (" + columnList(t.columns()) + ") FROM STDIN",
                                    tar);
                    progress.accept("table " + t.name() + ": " + rows + " rows");
                } else if (entry.getName().startsWith("objects/")) {
                    if (objects == 0) {
                        Tables.resetSequences(c);
                        c.commit(); // the tables are in; objects follow
                    }
                    Path file = work.resolve("object");
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    store.put(entry.getName().substring("objects/".length()), file);
                    if (++objects % 100 == 0) {
                        progress.accept(objects + " of " + manifest.objects().size() + " objects");
                    }
                }
            }
            if (objects == 0) {
                Tables.resetSequences(c);
                c.commit();
            }
            return manifest;
        } catch (SQLException e) {
            throw new BackupException(
                    "could not restore into the database at " + database.jdbcUrl() + ": " + e.getMessage()
                            + " (nothing of the tables was kept)",
                    e);
        } catch (IOException e) {
            throw new BackupException("could not read the backup " + in + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(work);
        }
    }

    private static void refuseUnlessFresh(Connection c, Database database) throws SQLException {
        try (Statement st = c.createStatement();
                ResultSet rows = st.executeQuery("select (select count(*) from runs) + (select count(*) from users)")) {
            rows.next();
            if (rows.getLong(1) > 0) {
                throw new BackupException(
                        "the database at " + database.jdbcUrl() + " already holds runs or users:"
                                + " restore into a fresh database (and store), then point the orchestrator at them",
                        null);
            }
        }
    }

    private static Connection connect(Database database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    private static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(Tables::quote).toList());
    }

    private static void add(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static void add(TarArchiveOutputStream tar, String name, Path file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(Files.size(file));
        tar.putArchiveEntry(entry);
        Files.copy(file, tar);
        tar.closeArchiveEntry();
    }

    private static void deleteQuietly(@Nullable Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it
        }
    }
}
