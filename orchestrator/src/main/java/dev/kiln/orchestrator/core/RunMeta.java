package dev.kiln.orchestrator.core;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Trigger;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** What the orchestrator knows of a run besides its engine state: origin, source stage, artifacts made. */
final class RunMeta {
    final String id;
    final long seq;
    final String pipeline;
    final String repository;
    final Trigger trigger;
    final Optional<String> ref;
    final String revision;
    final Optional<String> pipelineFile;
    final Instant startTime;
    final Map<String, String> outputs = new HashMap<>();
    ExecutionStatus sourceStatus = ExecutionStatus.IN_PROGRESS;
    String sourceMessage = "";

    @Nullable
    Instant endTime;

    RunMeta(
            String id,
            long seq,
            String pipeline,
            String repository,
            Trigger trigger,
            Optional<String> ref,
            String revision,
            Optional<String> pipelineFile,
            Instant startTime) {
        this.id = id;
        this.seq = seq;
        this.pipeline = pipeline;
        this.repository = repository;
        this.trigger = trigger;
        this.ref = ref;
        this.revision = revision;
        this.pipelineFile = pipelineFile;
        this.startTime = startTime;
    }

    /** Where the run's source artifact is kept. */
    String sourceKey() {
        return "runs/" + id + "/source.zip";
    }
}
