package dev.kiln.orchestrator.core;

import dev.kiln.kit.logging.KilnLogging;
import dev.kiln.model.api.JobState;
import dev.kiln.orchestrator.run.StatusChange;
import dev.kiln.orchestrator.state.JobRecord;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * What happens to runs and jobs, as the orchestrator's events ({@code kiln orchestrator}): one event for each status
 * change of a run, a stage or an action, and one each time a job changes state, with {@code pipeline}, {@code run},
 * {@code stage}, {@code action}, {@code job}, {@code agent} and {@code status} as fields of a JSON line. The agent
 * that runs a job logs the same {@code run} and {@code job}.
 */
final class ActivityLog {
    private static final Logger LOG = KilnLogging.events("kiln orchestrator");

    private ActivityLog() {}

    /** A status change of a run of {@code pipeline}, one of its stages or actions. */
    static void statusChanged(String pipeline, StatusChange change) {
        LoggingEventBuilder event = LOG.atInfo()
                .addKeyValue("pipeline", pipeline)
                .addKeyValue("run", change.runId())
                .addKeyValue("status", change.status().wireName());
        String what = "run " + change.runId() + " of " + pipeline;
        if (change.stage() != null) {
            event = event.addKeyValue("stage", change.stage());
            what += change.action() != null ? " " + change.stage() + "/" + change.action() : " stage " + change.stage();
        }
        if (change.action() != null) {
            event = event.addKeyValue("action", change.action());
        }
        String message = change.message() == null || change.message().isBlank() ? "" : ": " + change.message();
        event.log(what + " " + change.status().wireName() + message);
    }

    /** A job's state changed from {@code before} (empty: it is new) to {@code after}; nothing when it did not. */
    static void jobChanged(Optional<JobRecord> before, JobRecord after) {
        if (before.map(JobRecord::state).filter(after.state()::equals).isEmpty()) {
            job(after);
        }
    }

    /** A job as it is now: leased (when the board leases it) or changed. */
    static void job(JobRecord after) {
        LoggingEventBuilder event = LOG.atInfo()
                .addKeyValue("run", after.runId())
                .addKeyValue("stage", after.stage())
                .addKeyValue("action", after.action())
                .addKeyValue("job", after.id())
                .addKeyValue("kind", after.kind())
                .addKeyValue("status", after.state());
        String what = "job " + after.id() + " (run " + after.runId() + " " + after.stage() + "/" + after.action() + ") "
                + after.state().wireName();
        if (after.agentId().isPresent()) {
            event = event.addKeyValue("agent", after.agentId().get());
            what += (after.state() == JobState.LEASED ? " to agent " : " on agent ")
                    + after.agentId().get();
        }
        boolean ended = after.state().isFinal();
        if (ended && after.message() != null && !after.message().isBlank()) {
            what += ": " + after.message();
        }
        event.log(what);
    }
}
