package dev.kiln.orchestrator.core;

import dev.kiln.model.job.LogBatch;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Who follows which job's log: each saved batch is passed on to them. On the orchestrator's context only. */
public final class LogHub {
    private final Map<String, List<Consumer<LogBatch>>> followers = new HashMap<>();
    private final Map<String, List<Runnable>> endWatchers = new HashMap<>();

    /** Follows a job's new lines until {@link #unfollow}. */
    public void follow(String jobId, Consumer<LogBatch> follower, Runnable ended) {
        followers.computeIfAbsent(jobId, j -> new ArrayList<>()).add(follower);
        endWatchers.computeIfAbsent(jobId, j -> new ArrayList<>()).add(ended);
    }

    /** Stops following. */
    public void unfollow(String jobId, Consumer<LogBatch> follower, Runnable ended) {
        List<Consumer<LogBatch>> list = followers.get(jobId);
        if (list != null) {
            list.remove(follower);
        }
        List<Runnable> ends = endWatchers.get(jobId);
        if (ends != null) {
            ends.remove(ended);
        }
    }

    void publish(String jobId, LogBatch batch) {
        for (Consumer<LogBatch> follower : List.copyOf(followers.getOrDefault(jobId, List.of()))) {
            follower.accept(batch);
        }
    }

    void ended(String jobId) {
        followers.remove(jobId);
        List<Runnable> ends = endWatchers.remove(jobId);
        if (ends != null) {
            ends.forEach(Runnable::run);
        }
    }
}
