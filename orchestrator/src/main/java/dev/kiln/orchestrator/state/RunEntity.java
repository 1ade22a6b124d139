package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A run row: what triggered it, the commit and pipeline file it runs, and its own status. */
@Entity
@Table(name = "runs")
class RunEntity {
    @Id
    String id;

    long seq;
    String pipeline;
    String repository;

    @Column(name = "trigger_type")
    String triggerType;

    @Nullable
    String ref;

    String revision;

    @Column(name = "pipeline_file")
    @Nullable
    String pipelineFile;

    String status;
    String message;

    @Column(name = "stage_index")
    int stageIndex;

    boolean waiting;

    @Column(name = "stop_requested")
    boolean stopRequested;

    boolean abandon;

    @Column(name = "start_time")
    Instant startTime;

    @Column(name = "end_time")
    @Nullable
    Instant endTime;
}
