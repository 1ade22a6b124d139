package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which run entered a pipeline's stage last (a failed stage can be retried only by that run). */
@Entity
@Table(name = "stage_entries")
class StageEntryEntity {
    @Id
    String id;

    String pipeline;
    String stage;

    @Column(name = "last_entered_run")
    String lastEnteredRun;
}
