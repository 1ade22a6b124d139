package dev.kiln.model.job;

/**
 * An agent gives a job back unfinished (it is stopping): the orchestrator queues the job again for another agent, a
 * build from its start, a deployment on the same deployment from its first host.
 *
 * @param reason why, in a line, for the job's log
 */
public record JobHandBack(String reason) {
    /** The longest reason kept. */
    public static final int MAX_REASON = 500;

    public JobHandBack {
        reason = reason == null ? "" : reason;
    }
}
