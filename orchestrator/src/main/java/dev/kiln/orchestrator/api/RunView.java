package dev.kiln.orchestrator.api;

import dev.kiln.orchestrator.source.CommitInfo;
import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StatusChangeRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A run as the API shows it.
 *
 * @param id the run's id
 * @param pipeline its pipeline
 * @param repository its repository
 * @param status {@code InProgress}, {@code Stopping}, {@code Stopped}, {@code Succeeded}, {@code Superseded},
 *     {@code Failed}
 * @param message why it ended as it did
 * @param trigger {@code webhook}, {@code poll} or {@code manual}
 * @param ref the ref pushed, or null
 * @param sourceRevision the full commit id
 * @param commitTitle the first line of the commit's message, or null when the mirror no longer has it
 * @param author the commit's author, or null
 * @param startTime when it started
 * @param endTime when it ended, or null
 * @param stages Source, then the pipeline's stages
 * @param history every status change, for {@code runs show} (null in lists)
 */
record RunView(
        String id,
        String pipeline,
        String repository,
        String status,
        String message,
        String trigger,
        String ref,
        String sourceRevision,
        String commitTitle,
        String author,
        Instant startTime,
        Instant endTime,
        List<StageView> stages,
        List<ChangeView> history) {

    record StageView(String name, String status, List<ActionView> actions) {}

    record ActionView(
            String name, String type, String status, String message, int attempt, Instant deadline, int runOrder) {}

    record ChangeView(String stage, String action, String status, String message, Instant time) {}

    static RunView of(RunRecord run, Optional<CommitInfo> commit, List<StatusChangeRecord> history) {
        return new RunView(
                run.id(),
                run.pipeline(),
                run.repository(),
                run.status(),
                run.message(),
                run.trigger(),
                run.ref().orElse(null),
                run.revision(),
                commit.map(CommitInfo::title).orElse(null),
                commit.map(CommitInfo::author).orElse(null),
                run.startTime(),
                run.endTime().orElse(null),
                run.stages().stream()
                        .map(s -> new StageView(
                                s.name(),
                                s.status().orElse(null),
                                s.actions().stream()
                                        .map(a -> new ActionView(
                                                a.name(),
                                                a.type(),
                                                a.status().orElse(null),
                                                a.message(),
                                                a.attempt(),
                                                a.deadline().orElse(null),
                                                a.runOrder()))
                                        .toList()))
                        .toList(),
                history == null
                        ? null
                        : history.stream()
                                .map(c -> new ChangeView(
                                        c.stage().orElse(null),
                                        c.action().orElse(null),
                                        c.status(),
                                        c.message(),
                                        c.time()))
                                .toList());
    }
}
