/**
 * Backups of an orchestrator's state: PostgreSQL's tables (a consistent snapshot, copied with PostgreSQL's COPY)
 * and the object store's objects with their listing, in one tar.gz; restored into a fresh database and store.
 */
package dev.kiln.orchestrator.backup;
