package dev.kiln.agent.engine;

import dev.kiln.model.build.BuildPhase;
import dev.kiln.model.build.PhaseContext;
import dev.kiln.model.build.PhaseType;
import dev.kiln.model.build.StatusType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Records phases as they start and end, and logs CodeBuild's phase lines. Not thread-safe. */
final class PhaseRecorder {
    private final Clock clock;
    private final BuildLog log;
    private final List<BuildPhase> done = new ArrayList<>();
    private @Nullable PhaseType current;
    private @Nullable Instant currentStart;

    PhaseRecorder(Clock clock, BuildLog log) {
        this.clock = clock;
        this.log = log;
    }

    /** Records a phase with no log lines (SUBMITTED, QUEUED), which carry no contexts. */
    void instant(PhaseType type, Instant start) {
        done.add(new BuildPhase(type, StatusType.SUCCEEDED, start, clock.instant(), null));
    }

    void start(PhaseType type) {
        current = type;
        currentStart = clock.instant();
    }

    @Nullable
    PhaseType current() {
        return current;
    }

    /** Ends the current phase and logs {@code Phase complete} and its context. */
    void end(StatusType status, PhaseContext context) {
        PhaseType type = Objects.requireNonNull(current, "a phase ended before it started");
        done.add(new BuildPhase(type, status, Objects.requireNonNull(currentStart), clock.instant(), List.of(context)));
        log.container("Phase complete: " + current + " State: " + status);
        log.container("Phase context status code: " + context.statusCode() + " Message: " + context.message());
        current = null;
    }

    /** Adds the final COMPLETED phase, which has only a type and a start. */
    Instant complete() {
        Instant now = clock.instant();
        done.add(new BuildPhase(PhaseType.COMPLETED, null, now, null, null));
        current = PhaseType.COMPLETED;
        return now;
    }

    List<BuildPhase> phases() {
        List<BuildPhase> out = new ArrayList<>(done);
        if (current != null && current != PhaseType.COMPLETED && currentStart != null) {
            out.add(new BuildPhase(current, null, currentStart, null, null));
        }
        return out;
    }
}
