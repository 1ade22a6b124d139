package dev.kiln.orchestrator.core;

import dev.kiln.model.api.Trigger;
import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.trigger.PushEvent;
import dev.kiln.orchestrator.trigger.WebhookProvider;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls each repository at its interval with a fetch; each ref that moved is a push. On the orchestrator's context.
 */
final class Poller {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    private static final String ZEROS = "0".repeat(40);

    private final Orchestrator orchestrator;
    private final SourceStep source;
    private final Map<String, Instant> lastPolled = new HashMap<>();
    private final Set<String> polling = new HashSet<>();

    Poller(Orchestrator orchestrator, SourceStep source) {
        this.orchestrator = orchestrator;
        this.source = source;
    }

    /** Polls the repositories whose time has come. */
    void tick() {
        Instant now = orchestrator.clock.instant();
        for (Repository repo : orchestrator.repositories()) {
            if (repo.pollIntervalSeconds() <= 0 || polling.contains(repo.name())) {
                continue;
            }
            // a repository's heads are read as it is added: its first poll is one interval later (after a start, at
            // once when that is past)
            Instant last = lastPolled.getOrDefault(repo.name(), repo.createdAt());
            if (Duration.between(last, now).toSeconds() < repo.pollIntervalSeconds()) {
                continue;
            }
            lastPolled.put(repo.name(), now);
            poll(repo);
        }
    }

    /** Fetches a repository now and runs what moved. */
    Future<List<String>> poll(Repository repo) {
        polling.add(repo.name());
        return WorkPool.GIT
                .<Map<String, String>>run(orchestrator.context, () -> source.heads(repo))
                .compose(heads -> {
                    Repository known = orchestrator.repository(repo.name()).orElse(repo);
                    List<Future<Optional<String>>> runs = new ArrayList<>();
                    heads.forEach((ref, commit) -> {
                        String before = known.heads().get(ref);
                        if (!commit.equals(before)) {
                            PushEvent push = new PushEvent(
                                    WebhookProvider.POLLING,
                                    List.of(repo.url()),
                                    ref,
                                    before == null ? ZEROS : before,
                                    commit,
                                    Optional.empty());
                            runs.add(orchestrator.push(known, push, Trigger.POLL));
                        }
                    });
                    return Future.join(runs)
                            .map(all -> runs.stream()
                                    .map(f -> f.result() == null ? Optional.<String>empty() : f.result())
                                    .flatMap(Optional::stream)
                                    .toList());
                })
                .onFailure(e -> LOG.warn("polling {} failed: {}", repo.name(), e.getMessage()))
                .onComplete(done -> polling.remove(repo.name()));
    }
}
