package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An API token, kept only as its SHA-256, with the role it speaks for. */
@Entity
@Table(name = "api_tokens")
class TokenEntity {
    @Id
    String id;

    String name;

    @Column(name = "token_hash")
    String tokenHash;

    String role;

    @Column(name = "user_name")
    @Nullable
    String userName;

    @Column(name = "expires_at")
    @Nullable
    Instant expiresAt;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "agent_kind")
    @Nullable
    String agentKind;

    /** One environment per line; null for every environment. */
    @Column(name = "agent_environments", length = 4000)
    @Nullable
    String agentEnvironments;

    /** One label per line; null for any. */
    @Column(name = "agent_labels", length = 4000)
    @Nullable
    String agentLabels;
}
