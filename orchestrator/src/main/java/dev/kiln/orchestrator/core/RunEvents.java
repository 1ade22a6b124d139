package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StatusChangeRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What changed, as it is saved: a run, stage or action status, or a deployment. Followers (the API's event stream)
 * hear each change once it is in the store. On the orchestrator's context only.
 */
public final class RunEvents {
    /**
     * One change.
     *
     * @param kind {@code run} or {@code deployment}
     * @param id the run's or the deployment's id
     * @param scope the run's pipeline, or the deployment's environment
     * @param stage the stage that changed, or null for the run (or a deployment)
     * @param action the action that changed, or null
     * @param status the new status
     * @param time when
     */
    public record Event(
            String kind, String id, String scope, String stage, String action, String status, Instant time) {}

    private final List<Consumer<Event>> followers = new ArrayList<>();

    /** Follows every change from now on; the answer stops following. */
    public Runnable follow(Consumer<Event> follower) {
        followers.add(follower);
        return () -> followers.remove(follower);
    }

    /** How many follow now. */
    public int followers() {
        return followers.size();
    }

    /** Announces a saved step: each run's status, then each stage's and action's change. */
    void announce(
            List<RunRecord> runs, List<StatusChangeRecord> changes, Function<String, String> pipelineOf, Instant now) {
        for (RunRecord run : runs) {
            publish(new Event("run", run.id(), run.pipeline(), null, null, run.status(), now));
        }
        for (StatusChangeRecord change : changes) {
            if (change.stage().isPresent()) {
                publish(new Event(
                        "run",
                        change.runId(),
                        pipelineOf.apply(change.runId()),
                        change.stage().get(),
                        change.action().orElse(null),
                        change.status(),
                        change.time()));
            }
        }
    }

    void publish(Event event) {
        for (Consumer<Event> follower : List.copyOf(followers)) {
            follower.accept(event);
        }
    }
}
