package dev.kiln.orchestrator.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kiln.orchestrator.backup.Backups;
import dev.kiln.orchestrator.backup.Manifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code kiln backup FILE} and {@code kiln restore FILE}: the orchestrator's database and object store. */
@Command(
        name = "backup",
        mixinStandardHelpOptions = true,
        description = {
            "Back up an orchestrator's state to FILE (tar.gz): every table of its PostgreSQL, read in one consistent",
            "snapshot while it runs, and every object of its store (artifacts, caches, archived logs) with their",
            "listing. KILN_SECRET_KEY, which seals environments' secrets, is not in it: keep it apart.",
            "The database and store as kiln server takes them: --database and --s3 (or KILN_DATABASE and KILN_S3),",
            "keys from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        })
public final class BackupCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "Where the backup goes (written whole, then moved there).")
    Path file;

    @Mixin
    StateLocation state;

    @Option(names = "--without-objects", description = "Only the database (objects stay in the store).")
    boolean withoutObjects;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    String output = "text";

    @Override
    public Integer call() throws Exception {
        if (!state.given()) {
            System.err.println(
                    "kiln backup: give --database and --s3 (or KILN_DATABASE and KILN_S3): the orchestrator's"
                            + " own; for kiln up's embedded state, stop it and copy its data directory");
            return 2;
        }
        Manifest made = Backups.backup(
                state.database(),
                state.store(),
                file,
                !withoutObjects,
                line -> System.err.println("kiln backup: " + line));
        print(made, file, output, "backed up");
        return 0;
    }

    static void print(Manifest manifest, Path file, String output, String verb) throws Exception {
        long rows = manifest.tables().stream().mapToLong(Manifest.Table::rows).sum();
        if (output.equals("json")) {
            ObjectMapper json = new ObjectMapper();
            System.out.println(json.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(Map.of(
                            "file", file.toString(),
                            "schemaVersion", manifest.schemaVersion(),
                            "tables", manifest.tables().size(),
                            "rows", rows,
                            "objects", manifest.objects().size(),
                            "bytes", Files.size(file))));
        } else {
            System.out.printf(
                    "%s %d tables (%d rows, schema version %s) and %d objects: %s (%d bytes)%n",
                    verb,
                    manifest.tables().size(),
                    rows,
                    manifest.schemaVersion(),
                    manifest.objects().size(),
                    file,
                    Files.size(file));
        }
    }

    /** {@code kiln restore FILE}. */
    @Command(
            name = "restore",
            mixinStandardHelpOptions = true,
            description = {
                "Restore a backup kiln backup made into a fresh database (migrated first; it must hold no runs or",
                "users) and store, then start the orchestrator on them with the same KILN_SECRET_KEY.",
                "--database and --s3 (or KILN_DATABASE and KILN_S3), keys from AWS_ACCESS_KEY_ID and",
                "AWS_SECRET_ACCESS_KEY."
            })
    public static final class Restore implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "A backup kiln backup made.")
        Path file;

        @Mixin
        StateLocation state;

        @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
        String output = "text";

        @Override
        public Integer call() throws Exception {
            if (!state.given()) {
                System.err.println("kiln restore: give --database and --s3 (or KILN_DATABASE and KILN_S3)");
                return 2;
            }
            if (!Files.isRegularFile(file)) {
                System.err.println("kiln restore: " + file + " is not a file");
                return 2;
            }
            Manifest restored = Backups.restore(
                    state.database(), state.store(), file, line -> System.err.println("kiln restore: " + line));
            print(restored, file, output, "restored");
            return 0;
        }
    }
}
