package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An action of a run's stage. */
@Entity
@Table(name = "action_runs")
class ActionRunEntity {
    @Id
    String id;

    @Column(name = "run_id")
    String runId;

    @Column(name = "stage_position")
    int stagePosition;

    int position;
    String name;
    String type;

    @Nullable
    String status;

    String message;
    int attempt;

    @Nullable
    Instant deadline;

    @Column(name = "run_order")
    int runOrder;
}
