package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** One recorded status change of a run, stage or action. */
@Entity
@Table(name = "status_changes")
class StatusChangeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    Long id;

    @Column(name = "run_id")
    String runId;

    @Nullable
    String stage;

    @Nullable
    String action;

    String status;
    String message;
    Instant time;
}
