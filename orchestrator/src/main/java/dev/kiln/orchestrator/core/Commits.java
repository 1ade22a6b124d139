package dev.kiln.orchestrator.core;

import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.source.CommitInfo;
import dev.kiln.orchestrator.source.GitMirrors;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Commits' titles and authors, read from the mirrors once and then remembered (a commit never changes): the most
 * recent 10,000 are kept. On the orchestrator's context only; the mirror is read on a worker thread.
 */
public final class Commits {
    private static final int KEPT = 10_000;

    private final Context context;
    private final GitMirrors mirrors;
    private final Map<String, CommitInfo> known = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CommitInfo> eldest) {
            return size() > KEPT;
        }
    };

    Commits(Context context, GitMirrors mirrors) {
        this.context = context;
        this.mirrors = mirrors;
    }

    /** A repository's commit, if its mirror has it (an unreadable mirror answers empty too: this is decoration). */
    public Future<Optional<CommitInfo>> of(String repository, String commit) {
        CommitInfo found = known.get(commit);
        if (found != null) {
            return Future.succeededFuture(Optional.of(found));
        }
        return WorkPool.GIT
                .<Optional<CommitInfo>>run(context, () -> {
                    try {
                        return mirrors.commit(repository, commit);
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                })
                .onSuccess(info -> info.ifPresent(i -> known.put(commit, i)));
    }
}
