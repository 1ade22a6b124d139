package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A registered repository row. */
@Entity
@Table(name = "repositories")
class RepositoryEntity {
    @Id
    String name;

    String url;

    @Nullable
    String branch;

    @Column(name = "webhook_secret")
    @Nullable
    String webhookSecret;

    @Column(name = "poll_interval_seconds")
    int pollIntervalSeconds;

    String heads;

    @Column(name = "created_at")
    Instant createdAt;

    /** What its pipelines are allowed beyond the default: wire names, comma-separated. */
    String allowed;

    /** What it is read with, sealed; null for a repository anyone may read. */
    @Column(length = 8000)
    @Nullable
    String credentials;
}
