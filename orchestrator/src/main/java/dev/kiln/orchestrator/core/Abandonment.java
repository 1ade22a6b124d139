package dev.kiln.orchestrator.core;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.orchestrator.run.Run;
import dev.kiln.orchestrator.state.JobRecord;
import java.util.List;
import java.util.Optional;

/** Which open jobs no longer have an action running them: their action was abandoned, or their run stopped. */
final class Abandonment {
    private Abandonment() {}

    /** The open jobs of runs whose action is not in progress at the job's attempt; jobs of no run are kept. */
    static List<JobRecord> of(RunBook book, JobBoard board) {
        return board.openJobs().stream()
                .filter(job -> !job.runId().isEmpty())
                .filter(job -> !running(book, job))
                .toList();
    }

    private static boolean running(RunBook book, JobRecord job) {
        Optional<Run.ActionRun> action =
                book.run(job.runId()).flatMap(r -> r.stage(job.stage())).flatMap(s -> s.action(job.action()));
        return action.flatMap(Run.ActionRun::status)
                        .filter(s -> s == ExecutionStatus.IN_PROGRESS)
                        .isPresent()
                && action.get().attempt() == job.attempt();
    }
}
