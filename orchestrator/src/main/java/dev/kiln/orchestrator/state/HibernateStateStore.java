package dev.kiln.orchestrator.state;

import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.stage.Stage;

/** The state in PostgreSQL through Hibernate Reactive. Call it from the Vert.x context it was opened on. */
public final class HibernateStateStore implements StateStore {
    private static final List<String> ACTIVE =
            List.of(ExecutionStatus.IN_PROGRESS.wireName(), ExecutionStatus.STOPPING.wireName());
    private static final List<String> OPEN_JOBS = Arrays.stream(JobState.values())
            .filter(s -> !s.isFinal())
            .map(JobState::wireName)
            .toList();

    private final Stage.SessionFactory sessions;

    /** A store over an opened database. */
    public HibernateStateStore(Stage.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @Override
    public Future<Void> addRepository(Repository repository) {
        return tx(s -> s.find(RepositoryEntity.class, repository.name()).thenCompose(found -> {
            if (found != null) {
                throw new DuplicateRepositoryException(repository.name());
            }
            return s.persist(Entities.entity(repository));
        }));
    }

    @Override
    public Future<List<Repository>> repositories() {
        return tx(s -> s.createSelectionQuery("from RepositoryEntity order by name", RepositoryEntity.class)
                .getResultList()
                .thenApply(rows -> rows.stream().map(Entities::record).toList()));
    }

    @Override
    public Future<Boolean> removeRepository(String name) {
        return tx(s -> s.createMutationQuery("delete from RepositoryEntity where name = :name")
                .setParameter("name", name)
                .executeUpdate()
                .thenApply(n -> n > 0));
    }

    @Override
    public Future<Boolean> recordDelivery(
            String repository, List<String> keys, java.time.Instant now, java.time.Instant forgetBefore) {
        return tx(s -> s.createNativeQuery("delete from webhook_deliveries where received_at < :before")
                .setParameter("before", forgetBefore)
                .executeUpdate()
                .thenCompose(dropped -> s.createNativeQuery(
                                "select count(*) from webhook_deliveries where repository = :repository"
                                        + " and delivery_key in (:keys)",
                                Long.class)
                        .setParameter("repository", repository)
                        .setParameter("keys", keys)
                        .getSingleResult())
                .thenCompose(seen -> {
                    if (seen > 0) {
                        return java.util.concurrent.CompletableFuture.completedFuture(false);
                    }
                    java.util.concurrent.CompletionStage<Integer> inserts =
                            java.util.concurrent.CompletableFuture.completedFuture(0);
                    for (String key : keys) {
                        inserts = inserts.thenCompose(n -> s.createNativeQuery(
                                        "insert into webhook_deliveries (repository, delivery_key, received_at)"
                                                + " values (:repository, :key, :now) on conflict do nothing")
                                .setParameter("repository", repository)
                                .setParameter("key", key)
                                .setParameter("now", now)
                                .executeUpdate()
                                .thenApply(added -> n + added));
                    }
                    return inserts.thenApply(added -> added == keys.size());
                }));
    }

    @Override
    public Future<Boolean> saveAllowed(String repository, java.util.Set<dev.kiln.model.api.Allowance> allowed) {
        return tx(s -> s.createMutationQuery("update RepositoryEntity set allowed = :allowed where name = :name")
                .setParameter("allowed", Entities.allowed(allowed))
                .setParameter("name", repository)
                .executeUpdate()
                .thenApply(n -> n > 0));
    }

    @Override
    public Future<Void> saveHeads(String repository, Map<String, String> heads) {
        return tx(s -> s.createMutationQuery("update RepositoryEntity set heads = :heads where name = :name")
                .setParameter("heads", Entities.json(heads))
                .setParameter("name", repository)
                .executeUpdate()
                .thenApply(n -> null));
    }

    @Override
    public Future<Void> save(
            List<RunRecord> runs,
            List<StatusChangeRecord> changes,
            Map<String, Map<String, String>> stageEntries,
            List<JobRecord> jobs) {
        List<Object> rows = new ArrayList<>();
        for (RunRecord run : runs) {
            rows.add(Entities.entity(run));
            rows.addAll(Entities.children(run));
        }
        stageEntries.forEach((pipeline, entries) -> entries.forEach((stage, run) -> {
            StageEntryEntity e = new StageEntryEntity();
            e.id = pipeline + "\n" + stage;
            e.pipeline = pipeline;
            e.stage = stage;
            e.lastEnteredRun = run;
            rows.add(e);
        }));
        jobs.forEach(job -> rows.add(Entities.entity(job)));
        return tx(s -> each(rows, s::merge)
                .thenCompose(v -> each(changes, c -> s.persist(Entities.entity(c))))
                .thenApply(v -> null));
    }

    @Override
    public Future<Long> lastRunSeq() {
        return tx(s -> s.createSelectionQuery("select coalesce(max(seq), 0) from RunEntity", Long.class)
                .getSingleResult());
    }

    @Override
    public Future<List<RunRecord>> activeRuns() {
        return tx(s -> s.createSelectionQuery("from RunEntity where status in (:active) order by seq", RunEntity.class)
                .setParameter("active", ACTIVE)
                .getResultList()
                .thenCompose(found -> withChildren(s, found)));
    }

    @Override
    public Future<List<RunRecord>> runs(Optional<String> pipeline, int limit) {
        return tx(s -> {
            var query = pipeline.isPresent()
                    ? s.createSelectionQuery("from RunEntity where pipeline = :p order by seq desc", RunEntity.class)
                            .setParameter("p", pipeline.get())
                    : s.createSelectionQuery("from RunEntity order by seq desc", RunEntity.class);
            return query.setMaxResults(limit).getResultList().thenCompose(found -> withChildren(s, found));
        });
    }

    @Override
    public Future<Optional<RunRecord>> run(String id) {
        return tx(s -> s.find(RunEntity.class, id)
                .thenCompose(found -> found == null
                        ? CompletableFuture.completedFuture(Optional.<RunRecord>empty())
                        : withChildren(s, List.of(found)).thenApply(list -> Optional.of(list.get(0)))));
    }

    @Override
    public Future<List<StatusChangeRecord>> history(String runId) {
        return tx(s -> s.createSelectionQuery(
                        "from StatusChangeEntity where runId = :run order by id", StatusChangeEntity.class)
                .setParameter("run", runId)
                .getResultList()
                .thenApply(rows -> rows.stream().map(Entities::record).toList()));
    }

    @Override
    public Future<Map<String, Map<String, String>>> stageEntries() {
        return tx(s -> s.createSelectionQuery("from StageEntryEntity", StageEntryEntity.class)
                .getResultList()
                .thenApply(rows -> {
                    Map<String, Map<String, String>> out = new HashMap<>();
                    rows.forEach(e -> out.computeIfAbsent(e.pipeline, p -> new HashMap<>())
                            .put(e.stage, e.lastEnteredRun));
                    return out;
                }));
    }

    @Override
    public Future<List<JobRecord>> openJobs() {
        return jobsWhere("state in (:open) order by createdAt", "open", OPEN_JOBS);
    }

    @Override
    public Future<List<JobRecord>> jobs(String runId) {
        return jobsWhere("runId = :run order by createdAt", "run", runId);
    }

    @Override
    public Future<Optional<JobRecord>> job(String id) {
        return tx(s -> s.find(JobEntity.class, id)
                .thenApply(e -> Optional.ofNullable(e).map(Entities::record)));
    }

    @Override
    public Future<Long> appendLog(String jobId, long firstLine, List<String> lines) {
        return tx(s -> s.find(LogChunkEntity.class, jobId + ":" + firstLine)
                .thenCompose(found -> {
                    if (found != null || lines.isEmpty()) {
                        return CompletableFuture.completedFuture(null);
                    }
                    LogChunkEntity chunk = new LogChunkEntity();
                    chunk.id = jobId + ":" + firstLine;
                    chunk.jobId = jobId;
                    chunk.firstLine = firstLine;
                    chunk.lineCount = lines.size();
                    chunk.text = String.join("\n", lines);
                    return s.persist(chunk);
                })
                .thenCompose(v -> s.createSelectionQuery(
                                "select coalesce(max(firstLine + lineCount), 0) from LogChunkEntity where jobId = :job",
                                Long.class)
                        .setParameter("job", jobId)
                        .getSingleResult()));
    }

    @Override
    public Future<List<String>> log(String jobId, long fromLine, int limit) {
        // the chunks of lines [from, from + limit): a chunk holds at most MAX_CHUNK_LINES lines, so the one holding
        // line `from` starts after from - MAX_CHUNK_LINES; the index on (job, first line) reads only those, wherever
        // in the log they are
        return tx(s -> s.createSelectionQuery(
                        "from LogChunkEntity where jobId = :job and firstLine > :after and firstLine < :until"
                                + " and firstLine + lineCount > :from order by firstLine",
                        LogChunkEntity.class)
                .setParameter("job", jobId)
                .setParameter("after", fromLine - MAX_CHUNK_LINES)
                .setParameter("until", fromLine + limit)
                .setParameter("from", fromLine)
                .getResultList()
                .thenApply(chunks -> {
                    List<String> out = new ArrayList<>();
                    long chars = 0;
                    for (LogChunkEntity chunk : chunks) {
                        String[] chunkLines = chunk.text.split("\n", -1);
                        for (int i = 0; i < chunkLines.length && out.size() < limit; i++) {
                            if (chunk.firstLine + i >= fromLine) {
                                if (!out.isEmpty() && chars + chunkLines[i].length() > MAX_PAGE_CHARS) {
                                    return out; // a page stays small whatever its lines hold: read on from here
                                }
                                out.add(chunkLines[i]);
                                chars += chunkLines[i].length() + 1;
                            }
                        }
                    }
                    return out;
                }));
    }

    @Override
    public Future<Long> logSize(String jobId) {
        return tx(s -> s.createSelectionQuery(
                        "select coalesce(sum(length(text) + 1), 0) from LogChunkEntity where jobId = :job", Long.class)
                .setParameter("job", jobId)
                .getSingleResult());
    }

    @Override
    public Future<Void> archiveLog(String jobId, String key) {
        return tx(s -> s.createMutationQuery("update JobEntity set logObject = :key where id = :job")
                .setParameter("key", key)
                .setParameter("job", jobId)
                .executeUpdate()
                .thenCompose(n -> s.createMutationQuery("delete from LogChunkEntity where jobId = :job")
                        .setParameter("job", jobId)
                        .executeUpdate())
                .thenApply(n -> null));
    }

    @Override
    public Future<Optional<String>> logObject(String jobId) {
        return tx(s -> s.find(JobEntity.class, jobId)
                .thenApply(job -> job == null ? Optional.<String>empty() : Optional.ofNullable(job.logObject)));
    }

    private <T> Future<List<JobRecord>> jobsWhere(String where, String name, T value) {
        return tx(s -> s.createSelectionQuery("from JobEntity where " + where, JobEntity.class)
                .setParameter(name, value)
                .getResultList()
                .thenApply(rows -> rows.stream().map(Entities::record).toList()));
    }

    private static CompletionStage<List<RunRecord>> withChildren(Stage.Session s, List<RunEntity> found) {
        if (found.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        List<String> ids = found.stream().map(r -> r.id).toList();
        return s.createSelectionQuery("from StageRunEntity where runId in (:ids)", StageRunEntity.class)
                .setParameter("ids", ids)
                .getResultList()
                .thenCompose(stages -> s.createSelectionQuery(
                                "from ActionRunEntity where runId in (:ids)", ActionRunEntity.class)
                        .setParameter("ids", ids)
                        .getResultList()
                        .thenApply(actions -> {
                            Map<String, List<StageRunEntity>> stagesOf =
                                    stages.stream().collect(Collectors.groupingBy(x -> x.runId));
                            Map<String, List<ActionRunEntity>> actionsOf =
                                    actions.stream().collect(Collectors.groupingBy(x -> x.runId));
                            return found.stream()
                                    .map(run -> Entities.record(
                                            run,
                                            stagesOf.getOrDefault(run.id, List.of()),
                                            actionsOf.getOrDefault(run.id, List.of())))
                                    .toList();
                        }));
    }

    /** One operation after the other on one session (a session runs one at a time). */
    private static <T> CompletionStage<Void> each(List<T> items, Function<T, CompletionStage<?>> step) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (T item : items) {
            chain = chain.thenCompose(v -> step.apply(item)).thenApply(x -> null);
        }
        return chain;
    }

    @Override
    public Future<Void> ping() {
        return tx(s -> s.createNativeQuery("select 1").getSingleResult().thenApply(one -> (Void) null));
    }

    @Override
    public Future<List<String>> expiredRuns(RetentionPolicy policy, Instant now, int limit) {
        return tx(s -> {
            CompletionStage<java.util.Set<String>> found =
                    CompletableFuture.completedFuture(new java.util.LinkedHashSet<>());
            if (policy.keepFor().isPresent()) {
                Instant before = now.minus(policy.keepFor().get());
                found = found.thenCompose(ids -> s.createSelectionQuery(
                                "select id from RunEntity where endTime is not null and endTime < :before order by seq",
                                String.class)
                        .setParameter("before", before)
                        .setMaxResults(limit)
                        .getResultList()
                        .thenApply(old -> {
                            ids.addAll(old);
                            return ids;
                        }));
            }
            if (policy.keepRuns().isPresent()) {
                int keep = policy.keepRuns().get();
                found = found.thenCompose(ids -> s.createSelectionQuery(
                                "select distinct pipeline from RunEntity", String.class)
                        .getResultList()
                        .thenCompose(pipelines -> {
                            CompletionStage<java.util.Set<String>> all = CompletableFuture.completedFuture(ids);
                            for (String pipeline : pipelines) {
                                // the seq of the newest run not kept, then every ended run from there down
                                all = all.thenCompose(sofar -> s.createSelectionQuery(
                                                "select seq from RunEntity where pipeline = :pipeline order by seq desc",
                                                Long.class)
                                        .setParameter("pipeline", pipeline)
                                        .setFirstResult(keep)
                                        .setMaxResults(1)
                                        .getResultList()
                                        .thenCompose(first -> first.isEmpty()
                                                ? CompletableFuture.completedFuture(List.<String>of())
                                                : s.createSelectionQuery(
                                                                "select id from RunEntity where pipeline = :pipeline"
                                                                        + " and endTime is not null and seq <= :first"
                                                                        + " order by seq",
                                                                String.class)
                                                        .setParameter("pipeline", pipeline)
                                                        .setParameter("first", first.get(0))
                                                        .setMaxResults(limit)
                                                        .getResultList())
                                        .thenApply(beyond -> {
                                            sofar.addAll(beyond);
                                            return sofar;
                                        }));
                            }
                            return all;
                        }));
            }
            return found.thenApply(ids -> ids.stream().limit(limit).toList());
        });
    }

    @Override
    public Future<List<String>> removeRuns(List<String> runIds) {
        if (runIds.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return tx(s -> s.createSelectionQuery("select id from JobEntity where runId in :runs", String.class)
                .setParameter("runs", runIds)
                .getResultList()
                .thenCompose(jobs -> s.createMutationQuery("delete from LogChunkEntity where jobId in :jobs")
                        .setParameter("jobs", jobs.isEmpty() ? List.of("") : jobs)
                        .executeUpdate()
                        .thenCompose(n -> mutate(s, "delete from JobEntity where runId in :runs", runIds))
                        .thenCompose(n -> mutate(s, "delete from StatusChangeEntity where runId in :runs", runIds))
                        .thenCompose(n -> mutate(s, "delete from ActionRunEntity where runId in :runs", runIds))
                        .thenCompose(n -> mutate(s, "delete from StageRunEntity where runId in :runs", runIds))
                        .thenCompose(n -> mutate(s, "delete from RunEntity where id in :runs", runIds))
                        .thenApply(n -> List.copyOf(jobs))));
    }

    private static CompletionStage<Integer> mutate(Stage.Session s, String hql, List<String> runIds) {
        return s.createMutationQuery(hql).setParameter("runs", runIds).executeUpdate();
    }

    private <T> Future<T> tx(Function<Stage.Session, CompletionStage<T>> work) {
        return OwnSessions.tx(sessions, work);
    }
}
