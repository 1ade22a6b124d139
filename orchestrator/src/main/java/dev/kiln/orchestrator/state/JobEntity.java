package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An action handed to agents: queued, leased, running, then ended. */
@Entity
@Table(name = "jobs")
class JobEntity {
    @Id
    String id;

    @Column(name = "run_id")
    String runId;

    String stage;
    String action;
    int attempt;
    String kind;
    String labels;
    String spec;
    String state;

    @Column(name = "agent_id")
    @Nullable
    String agentId;

    @Column(name = "agent_token")
    @Nullable
    String agentToken;

    String message;
    String outputs;

    @Column(name = "log_object")
    String logObject;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "leased_at")
    Instant leasedAt;

    @Column(name = "ended_at")
    @Nullable
    Instant endedAt;
}
