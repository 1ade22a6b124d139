package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An environment: its settings as JSON and its private key, encrypted. */
@Entity
@Table(name = "environments")
class EnvironmentEntity {
    @Id
    String name;

    String id;
    String settings;

    @Column(name = "private_key")
    String privateKey;

    @Column(name = "created_at")
    Instant createdAt;
}
