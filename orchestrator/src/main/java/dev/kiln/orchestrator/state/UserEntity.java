package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user of the web UI and the API. */
@Entity
@Table(name = "users")
class UserEntity {
    @Id
    String name;

    @Column(name = "password_hash")
    String passwordHash;

    String role;

    @Column(name = "created_at")
    Instant createdAt;
}
