package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.jspecify.annotations.Nullable;

/** A stage of a run; position 0 is the Source stage. */
@Entity
@Table(name = "stage_runs")
class StageRunEntity {
    @Id
    String id;

    @Column(name = "run_id")
    String runId;

    int position;
    String name;

    @Nullable
    String status;
}
