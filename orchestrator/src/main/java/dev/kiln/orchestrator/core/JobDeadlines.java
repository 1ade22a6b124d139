package dev.kiln.orchestrator.core;

import dev.kiln.model.api.JobState;
import dev.kiln.orchestrator.state.JobRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Deadlines of open jobs, a backstop behind the agents' own: a job leased and not started within {@link #LEASE}
 * (its agent provisions forever) is taken back; a job running past its timeout (the buildspec's or the action's,
 * CodeBuild's 60 minutes by default) and {@link #GRACE} is ended, whatever its agent says. Times are kept from when
 * this orchestrator saw a job enter its state (after a restart, from then). On the orchestrator's context only.
 */
final class JobDeadlines {
    /** How long a leased job may wait for its agent to start it (an image pulled, a first host reached). */
    static final Duration LEASE = Duration.ofMinutes(15);
    /** How long past its timeout a running job's agent has to end it and say so. */
    static final Duration GRACE = Duration.ofMinutes(5);

    /** A job past its deadline, and why, in a line. */
    record Overdue(JobRecord job, String why) {}

    private final Map<String, Instant> since = new HashMap<>();
    private final Map<String, Integer> timeouts = new HashMap<>();

    /** A job changed state at {@code now}. */
    void changed(Optional<JobRecord> before, JobRecord after, Instant now) {
        if (after.state().isFinal()) {
            since.remove(after.id());
            timeouts.remove(after.id());
        } else if (before.isEmpty() || before.get().state() != after.state()) {
            since.put(after.id(), now);
        }
    }

    /** The open jobs past their deadline at {@code now}. */
    List<Overdue> overdue(Collection<JobRecord> open, Instant now) {
        List<Overdue> out = new ArrayList<>();
        for (JobRecord job : open) {
            Instant from = since.computeIfAbsent(job.id(), id -> now);
            Duration in = Duration.between(from, now);
            if (job.state() == JobState.LEASED && in.compareTo(LEASE) > 0) {
                out.add(new Overdue(job, "leased " + LEASE.toMinutes() + " min ago and never started by its agent"));
            } else if (job.state() == JobState.RUNNING) {
                int minutes = timeouts.computeIfAbsent(job.id(), id -> timeoutOf(job));
                if (in.compareTo(Duration.ofMinutes(minutes).plus(GRACE)) > 0) {
                    out.add(new Overdue(
                            job,
                            "the job ran past its timeout of " + minutes + " min and its agent did not end it within "
                                    + GRACE.toMinutes() + " min more; it was stopped"));
                }
            }
        }
        return out;
    }

    private static int timeoutOf(JobRecord job) {
        try {
            return Math.max(1, Jobs.spec(job).timeoutMinutes());
        } catch (RuntimeException e) {
            return 60; // CodeBuild's default
        }
    }
}
