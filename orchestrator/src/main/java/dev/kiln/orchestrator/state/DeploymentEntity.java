package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A deployment to an environment, with its report as JSON once it ended. */
@Entity
@Table(name = "deployments")
class DeploymentEntity {
    @Id
    String id;

    String environment;
    String application;

    @Column(name = "run_id")
    String runId;

    @Column(name = "job_id")
    String jobId;

    @Column(name = "revision_key")
    String revisionKey;

    @Column(name = "commit_id")
    String commit;

    String creator;
    String status;

    @Column(name = "error_code")
    String errorCode;

    String message;

    @Column(name = "rollback_of")
    String rollbackOf;

    @Column(name = "rolled_back_by")
    String rolledBackBy;

    @Column(name = "redeploy_of")
    String redeployOf;

    String report;

    @Column(name = "created_at")
    Instant createdAt;

    @Column(name = "ended_at")
    @Nullable
    Instant endedAt;
}
