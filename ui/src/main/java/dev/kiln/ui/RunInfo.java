package dev.kiln.ui;

import dev.kiln.model.api.Agent;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.Job;
import dev.kiln.model.api.Run;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Run page reads besides the run: each action's latest job (its agent and log) and how long each action
 * took, from the run's history of status changes.
 */
final class RunInfo {
    private final Run run;
    private final Map<String, Job> jobs = new HashMap<>();
    private final Map<String, String> agents = new HashMap<>();

    RunInfo(Run run, List<Job> jobList, List<Agent> agentList) {
        this.run = run;
        agentList.forEach(a -> agents.put(a.id(), a.name()));
        for (Job job : jobList) {
            String key = key(job.stage(), job.action());
            Job known = jobs.get(key);
            if (known == null || known.attempt() <= job.attempt()) {
                jobs.put(key, job);
            }
        }
    }

    Run run() {
        return run;
    }

    /** The action's latest job, if it has one (approvals and the source have none). */
    Optional<Job> job(String stage, String action) {
        return Optional.ofNullable(jobs.get(key(stage, action)));
    }

    /** An agent's name while it is online, else the start of its id. */
    String agentName(String id) {
        return agents.getOrDefault(id, id.length() > 8 ? id.substring(0, 8) : id);
    }

    /**
     * How long the action's latest attempt took (or has taken so far): from its last {@code InProgress} to the
     * final status after it.
     */
    Optional<Duration> took(String stage, String action) {
        Instant started = null;
        Instant ended = null;
        for (Run.StatusChange change : run.history() == null ? List.<Run.StatusChange>of() : run.history()) {
            if (!stage.equals(change.stage()) || !action.equals(change.action())) {
                continue;
            }
            if (change.status() == ExecutionStatus.IN_PROGRESS) {
                started = change.time();
                ended = null;
            } else if (started != null) {
                ended = change.time();
            }
        }
        if (started == null) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(started, ended == null ? Instant.now() : ended));
    }

    /** How long the run took, or has taken so far. */
    Duration took() {
        Instant start = run.startTime();
        Instant end = run.endTime();
        return start == null ? Duration.ZERO : Duration.between(start, end == null ? Instant.now() : end);
    }

    private static String key(String stage, String action) {
        return stage + "\u0000" + action;
    }
}
