package dev.kiln.orchestrator.core;

import dev.kiln.model.api.Change;
import dev.kiln.model.api.ChangeKind;
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
    private final List<Consumer<Change>> followers = new ArrayList<>();

    /** Follows every change from now on; the answer stops following. */
    public Runnable follow(Consumer<Change> follower) {
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
            publish(new Change(
                    ChangeKind.RUN,
                    run.id(),
                    run.pipeline(),
                    null,
                    null,
                    run.status().wireName(),
                    now));
        }
        for (StatusChangeRecord change : changes) {
            if (change.stage().isPresent()) {
                publish(new Change(
                        ChangeKind.RUN,
                        change.runId(),
                        pipelineOf.apply(change.runId()),
                        change.stage().get(),
                        change.action().orElse(null),
                        change.status().wireName(),
                        change.time()));
            }
        }
    }

    void publish(Change event) {
        for (Consumer<Change> follower : List.copyOf(followers)) {
            follower.accept(event);
        }
    }
}
