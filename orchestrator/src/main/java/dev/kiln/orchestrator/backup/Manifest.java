package dev.kiln.orchestrator.backup;

import java.time.Instant;
import java.util.List;

/**
 * What a backup holds, its first entry ({@code kiln-backup.json}).
 *
 * @param format the backup format's version (1)
 * @param schemaVersion the database's schema version (Kiln's migrations) when it was made
 * @param createdAt when it was made
 * @param tables the tables, in an order that restores without breaking a reference, with their columns and rows
 * @param objects the object store's objects (key, size), as listed when it was made
 */
public record Manifest(
        int format, String schemaVersion, Instant createdAt, List<Table> tables, List<StoredObjectEntry> objects) {
    /** The format this Kiln writes and reads. */
    public static final int FORMAT = 1;

    /** A table: its name, columns (in the copy's order) and how many rows were copied. */
    public record Table(String name, List<String> columns, long rows) {}

    /** An object of the store. */
    public record StoredObjectEntry(String key, long size) {}
}
