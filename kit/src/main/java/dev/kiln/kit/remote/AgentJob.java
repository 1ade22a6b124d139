package dev.kiln.kit.remote;

import dev.kiln.model.job.JobResult;
import java.util.function.Consumer;

/** A leased job as an agent runs it: a build, or a deployment. */
public interface AgentJob {
    /** Runs {@code action} once the job's real work begins (the build's container, the first host). */
    void onStart(Runnable action);

    /** Runs the job to its end, writing its log a line at a time; never throws for the job's own failures. */
    JobResult run(Consumer<String> log);

    /** Asks the job to stop soon (its run then ends STOPPED). */
    void stop();

    /**
     * Asks the job to end soon without an outcome, as its agent stops: the agent gives it back to the orchestrator,
     * which queues it again, so nothing of it may be reported as final (a deployment is not reported Stopped). By
     * default the same as {@link #stop()}: a build's result is not sent once it is given back.
     */
    default void handBack() {
        stop();
    }
}
