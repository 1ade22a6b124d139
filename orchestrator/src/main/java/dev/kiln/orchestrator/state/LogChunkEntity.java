package dev.kiln.orchestrator.state;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Consecutive log lines of a job, as one agent batch delivered them. */
@Entity
@Table(name = "log_chunks")
class LogChunkEntity {
    @Id
    String id;

    @Column(name = "job_id")
    String jobId;

    @Column(name = "first_line")
    long firstLine;

    @Column(name = "line_count")
    int lineCount;

    String text;
}
