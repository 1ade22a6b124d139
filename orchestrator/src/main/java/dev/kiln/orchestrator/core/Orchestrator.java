package dev.kiln.orchestrator.core;

import dev.kiln.kit.Failures;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.api.ExecutionStatus;
import dev.kiln.model.api.JobState;
import dev.kiln.model.api.Trigger;
import dev.kiln.model.pipeline.Pipeline;
import dev.kiln.orchestrator.WorkPool;
import dev.kiln.orchestrator.run.Dispatch;
import dev.kiln.orchestrator.run.PipelineExecutor;
import dev.kiln.orchestrator.run.Run;
import dev.kiln.orchestrator.run.RunRefusedException;
import dev.kiln.orchestrator.source.GitMirrors;
import dev.kiln.orchestrator.state.JobRecord;
import dev.kiln.orchestrator.state.Repository;
import dev.kiln.orchestrator.state.RunRecord;
import dev.kiln.orchestrator.state.StateStore;
import dev.kiln.orchestrator.trigger.PushEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts runs, drives them with the run engine and saves every step before anything is acknowledged or handed out.
 * Call it on its context only.
 */
public final class Orchestrator {
    private static final Logger LOG = LoggerFactory.getLogger(Orchestrator.class);

    final Context context;
    final StateStore store;
    final Clock clock;
    final RunBook book;
    final JobBoard board = new JobBoard();
    final OrchestratorMetrics metrics;
    private final SourceStep source;
    private final RunEvents events = new RunEvents();
    private @Nullable Commits commits;
    private final Map<String, Repository> repositories = new HashMap<>();
    private final Map<String, String> pipelines = new HashMap<>();
    private dev.kiln.orchestrator.deploy.@org.jspecify.annotations.Nullable SecretBox secrets;
    private final List<JobRecord> dirtyJobs = new ArrayList<>();
    final List<JobBoard.Lease> pendingLeases = new ArrayList<>();
    private final List<Consumer<JobRecord>> endedListeners = new ArrayList<>();
    private Future<Void> saved = Future.succeededFuture();
    private long timer = -1;
    private final JobDeadlines deadlines = new JobDeadlines();
    /** While true (its leader lease fenced) the timers do nothing. */
    private boolean paused;

    private int defaultPollInterval = 60;

    Orchestrator(Context context, StateStore store, SourceStep source, Clock clock, long lastSeq) {
        this.context = context;
        this.store = store;
        this.source = source;
        this.clock = clock;
        this.book = new RunBook(clock, lastSeq);
        this.metrics = new OrchestratorMetrics(board, clock);
    }

    /**
     * An orchestrator rebuilt from its store: runs in progress go on, and its timers run (approvals, lost agents,
     * polling) once a second.
     */
    public static Future<Orchestrator> start(
            Vertx vertx,
            Context context,
            StateStore store,
            GitMirrors mirrors,
            ArtifactStore artifacts,
            dev.kiln.orchestrator.deploy.SecretBox secrets,
            Clock clock) {
        SourceStep source = new SourceStep(mirrors, artifacts, secrets::open);
        return Recovery.recover(context, store, source, clock).map(o -> {
            o.secrets = secrets;
            o.commits = new Commits(context, mirrors);
            Poller poller = new Poller(o, source);
            o.timer = vertx.setPeriodic(1000, id -> {
                if (o.paused) {
                    return;
                }
                o.tick();
                poller.tick();
            });
            return o;
        });
    }

    /** The poll interval of repositories added without one. */
    public int defaultPollInterval() {
        return defaultPollInterval;
    }

    /** Sets the poll interval of repositories added without one. */
    public void defaultPollInterval(int seconds) {
        defaultPollInterval = seconds;
    }

    /** Its Prometheus metrics. */
    public OrchestratorMetrics metrics() {
        return metrics;
    }

    /** Every saved change, for those who follow them live. */
    public RunEvents events() {
        return events;
    }

    /** Commits' titles and authors. */
    public Commits commits() {
        return Objects.requireNonNull(commits, "commits are read once the orchestrator has started");
    }
    /** The context it runs on. */
    public Context context() {
        return context;
    }

    /** Stops the timers. */
    public void stopTimers(Vertx vertx) {
        vertx.cancelTimer(timer);
    }

    /** The repositories registered, by name. */
    public List<Repository> repositories() {
        return repositories.values().stream()
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
    }

    /** Pipelines seen so far, by name, with their repository. */
    public Map<String, String> pipelines() {
        Map<String, String> out = new HashMap<>(pipelines);
        repositories.keySet().forEach(name -> out.putIfAbsent(name, name));
        return out;
    }

    void known(Repository repository) {
        repositories.put(repository.name(), repository);
    }

    void knownPipeline(String pipeline, String repository) {
        pipelines.put(pipeline, repository);
    }

    /** Registers a repository; its current heads are taken as seen (only later pushes run). */
    public Future<Repository> addRepository(Repository repository) {
        return WorkPool.GIT
                .<Map<String, String>>run(context, () -> source.heads(repository))
                .compose(heads -> {
                    Repository withHeads = repository.withHeads(heads);
                    return store.addRepository(withHeads).map(v -> {
                        repositories.put(withHeads.name(), withHeads);
                        return withHeads;
                    });
                });
    }

    /** Unregisters a repository; its runs stay. */
    public Future<Boolean> removeRepository(String name) {
        return store.removeRepository(name).map(removed -> {
            repositories.remove(name);
            return removed;
        });
    }

    /**
     * Sets what a repository's pipelines are allowed beyond the default; answers the repository as it now is.
     *
     * @throws UnknownRepositoryException when there is no such repository
     */
    public Future<Repository> allow(String name, java.util.Set<dev.kiln.model.api.Allowance> allowed) {
        Repository known = repositories.get(name);
        if (known == null) {
            return Future.failedFuture(new UnknownRepositoryException(name));
        }
        return store.saveAllowed(name, allowed).map(saved -> {
            if (!saved) {
                repositories.remove(name);
                throw new UnknownRepositoryException(name);
            }
            Repository changed = repositories.getOrDefault(name, known).withAllowed(allowed);
            repositories.put(name, changed);
            return changed;
        });
    }

    /**
     * Whether a verified webhook delivery to a repository is new: it is remembered for 30 days under each of its
     * {@code keys} (its forge's delivery id, its body's digest), and one seen under any of them is not.
     */
    public Future<Boolean> firstDelivery(String repository, List<String> keys) {
        java.time.Instant now = clock.instant();
        return store.recordDelivery(repository, keys, now, now.minus(java.time.Duration.ofDays(30)));
    }

    /** Seals a private repository's credentials with the server's secret key, to be kept with it. */
    public String seal(dev.kiln.orchestrator.source.GitCredentials credentials) {
        return java.util.Objects.requireNonNull(secrets, "started").seal(credentials.sealable());
    }

    /** A repository by name. */
    public Optional<Repository> repository(String name) {
        return Optional.ofNullable(repositories.get(name));
    }

    /**
     * A push to a repository (webhook or poll): one run of the pushed commit, if the pipeline's filters let it
     * through. A commit already run for that ref is not run again.
     */
    public Future<Optional<String>> push(Repository repo, PushEvent event, Trigger trigger) {
        Map<String, String> heads =
                new HashMap<>(repositories.getOrDefault(repo.name(), repo).heads());
        if (event.deletion() || Objects.equals(heads.get(event.ref()), event.after())) {
            return Future.succeededFuture(Optional.empty());
        }
        String before = heads.put(event.ref(), event.after());
        repositories.put(repo.name(), repo.withHeads(heads));
        return WorkPool.GIT
                .<SourceStep.Found>run(context, () -> source.push(repo, event, Optional.ofNullable(before)))
                .compose(found -> {
                    if (found.behind()) {
                        // an old commit (a replayed delivery, or the ref moved back): the ref keeps its head, and
                        // only an operator's start runs it again
                        LOG.warn(
                                "push to {} of {} not run: {}; start it on purpose with kiln runs start {} --ref {}",
                                event.ref(),
                                repo.name(),
                                found.problem(),
                                repo.name(),
                                event.ref());
                        forgetHead(repo.name(), event.ref(), event.after(), before);
                        return Future.succeededFuture(Optional.<String>empty());
                    }
                    return found.starts()
                            ? begin(repo, found, trigger).map(Optional::of)
                            : Future.succeededFuture(Optional.<String>empty());
                })
                .onFailure(e -> forgetHead(repo.name(), event.ref(), event.after(), before))
                .compose(id -> store.saveHeads(
                                repo.name(), repositories.get(repo.name()).heads())
                        .map(id));
    }

    /** A push that could not be read is seen again by the next poll or delivery. */
    private void forgetHead(String repository, String ref, String commit, String before) {
        Repository known = repositories.get(repository);
        if (known != null && commit.equals(known.heads().get(ref))) {
            Map<String, String> heads = new HashMap<>(known.heads());
            if (before == null) {
                heads.remove(ref);
            } else {
                heads.put(ref, before);
            }
            repositories.put(repository, known.withHeads(heads));
        }
    }

    /** A manual start of a pipeline (or repository) at a ref, the default branch when empty. */
    public Future<String> startManually(String pipelineOrRepository, Optional<String> ref) {
        String repoName = pipelines().get(pipelineOrRepository);
        Repository repo = repoName == null ? null : repositories.get(repoName);
        if (repo == null) {
            return Future.failedFuture(new UnknownPipelineException(
                    pipelineOrRepository, pipelines().keySet()));
        }
        return WorkPool.GIT
                .<SourceStep.Found>run(context, () -> source.manual(repo, ref))
                .compose(found -> begin(repo, found, Trigger.MANUAL));
    }

    private Future<String> begin(Repository repo, SourceStep.Found found, Trigger trigger) {
        String pipeline = found.plan().flatMap(Pipeline::name).orElse(repo.name());
        String owner = pipelines().getOrDefault(pipeline, repo.name());
        if (!owner.equals(repo.name())) {
            // a pipeline name belongs to the repository that used it first: the run is the claimant's own, and fails
            RunMeta run =
                    book.open(repo.name(), repo.name(), trigger, found.ref(), found.commit(), found.pipelineFile());
            book.failAtSource(
                    run,
                    "pipeline name " + pipeline + " belongs to repository " + owner + ", which used it first; give"
                            + " this pipeline another name (name: in " + dev.kiln.model.pipeline.PipelineParser.FILE
                            + ") and push again");
            return step().map(run.id);
        }
        pipelines.put(pipeline, repo.name());
        RunMeta run = book.open(pipeline, repo.name(), trigger, found.ref(), found.commit(), found.pipelineFile());
        if (found.plan().isEmpty()) {
            book.failAtSource(run, found.problem());
            return step().map(run.id);
        }
        return step().compose(v -> WorkPool.GIT.run(context, () -> {
                    source.upload(repo.name(), found.commit(), run.sourceKey());
                    return null;
                }))
                .transform(done -> {
                    if (done.failed()) {
                        book.failAtSource(
                                run,
                                "could not store the source: " + done.cause().getMessage());
                    } else {
                        book.start(run, found.plan().get());
                    }
                    return step().map(run.id);
                });
    }

    /** Approves or rejects the approval waiting in a stage, as {@code actor} (who decided; may be empty). */
    public Future<Void> approve(String runId, String stage, boolean approved, String actor, String comment) {
        return act(runId, executor -> {
            Run run = executor.run(runId).orElseThrow();
            Run.ActionRun waiting = run
                    .stage(stage)
                    .orElseThrow(() -> new RunRefusedException("no stage " + stage + " in run " + runId))
                    .actions()
                    .stream()
                    .filter(a -> a.status()
                                    .filter(s -> s == ExecutionStatus.IN_PROGRESS)
                                    .isPresent()
                            && a.plan().type() == dev.kiln.model.pipeline.ActionType.APPROVAL)
                    .findFirst()
                    .orElseThrow(
                            () -> new RunRefusedException("no approval waits in stage " + stage + " of run " + runId));
            executor.approve(runId, stage, waiting.name(), approved, actor, comment);
        });
    }

    /** Stops a run: its running actions finish, or with {@code abandon} are abandoned (their agents stop them). */
    public Future<Void> stop(String runId, boolean abandon, String reason) {
        return act(runId, executor -> executor.stop(runId, abandon, reason));
    }

    /** Retries a failed stage of a run. */
    public Future<Void> retry(String runId, String stage, boolean allActions) {
        Future<Void> loaded = book.run(runId).isPresent() ? Future.succeededFuture() : load(runId);
        return loaded.compose(v -> act(runId, executor -> executor.retry(runId, stage, allActions)));
    }

    private Future<Void> load(String runId) {
        return store.run(runId).compose(found -> {
            RunRecord record = found.orElseThrow(() -> new RunRefusedException("no run " + runId));
            Pipeline plan = RunBook.plan(record)
                    .orElseThrow(() -> new RunRefusedException(
                            "run " + runId + " failed at its Source stage;" + " fix the pipeline file and push again"));
            return store.stageEntries().map(entries -> {
                book.restore(record, plan, entries.getOrDefault(record.pipeline(), Map.of()));
                return null;
            });
        });
    }

    private Future<Void> act(String runId, java.util.function.Consumer<PipelineExecutor> action) {
        try {
            PipelineExecutor executor = book.executorOf(runId);
            if (executor.run(runId).isEmpty()) {
                throw new RunRefusedException("run " + runId + " is not in progress");
            }
            action.accept(executor);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        return step();
    }

    /**
     * Pauses or resumes the timers (approvals, lost agents, polling) while this orchestrator may not act (its leader
     * lease is fenced); on resuming, every agent gets a fresh {@link JobBoard#LOST_AFTER} to be heard from, since none
     * could be while paused.
     */
    public void pause(boolean pause) {
        if (paused && !pause) {
            Instant now = clock.instant();
            board.agents().forEach(agent -> agent.lastSeen = now);
        }
        paused = pause;
    }

    /** Whether the timers are paused (its leader lease fenced). */
    boolean paused() {
        return paused;
    }

    /** Once a second: approvals past their time fail, silent agents lose their jobs. */
    void tick() {
        book.touchAll();
        book.executors().forEach(PipelineExecutor::expireApprovals);
        LostAgents.reap(this, board.lost(clock.instant()));
        for (JobDeadlines.Overdue late : deadlines.overdue(board.openJobs(), clock.instant())) {
            JobRecord job = late.job();
            LostAgents.LOG.warn("job {}: {}", job.id(), late.why());
            job.agentId().flatMap(board::agent).ifPresent(agent -> agent.cancels.add(job.id()));
            if (job.state() == JobState.LEASED) {
                requeue(job);
            } else {
                jobEnded(job, false, late.why(), Map.of());
            }
        }
        step();
    }

    /** A job ended: its action ends with it, unless the run has moved on. */
    void jobEnded(JobRecord job, boolean succeeded, String message, Map<String, String> outputs) {
        JobRecord ended = job.withOutputs(outputs)
                .with(
                        succeeded ? JobState.SUCCEEDED : JobState.FAILED,
                        job.agentId(),
                        message,
                        Optional.of(clock.instant()));
        update(ended);
        book.meta(job.runId()).ifPresent(run -> {
            run.outputs.putAll(outputs);
            book.executorOf(job.runId()).finished(job.runId(), job.stage(), job.action(), succeeded, message);
        });
        endedListeners.forEach(l -> l.accept(ended));
    }

    void update(JobRecord job) {
        Optional<JobRecord> before = board.job(job.id());
        board.update(job);
        metrics.jobChanged(before, job, clock.instant());
        deadlines.changed(before, job, clock.instant());
        ActivityLog.jobChanged(before, job);
        dirtyJobs.add(job);
        if (board.job(job.id()).isEmpty()) {
            pendingLeases.addAll(board.rematch()); // it ended: what it held (an environment) is free again
        }
    }

    /**
     * Makes jobs of new dispatches, ends abandoned jobs and saves everything changed, after the previous save.
     * Leases made meanwhile are answered once saved.
     */
    Future<Void> step() {
        for (int round = 0; round < 10; round++) {
            List<Dispatch> dispatches = book.takeDispatches();
            if (dispatches.isEmpty()) {
                break;
            }
            for (Dispatch dispatch : dispatches) {
                RunMeta run = book.meta(dispatch.runId()).orElseThrow();
                Pipeline plan = book.run(dispatch.runId()).orElseThrow().plan();
                try {
                    JobRecord job = Jobs.of(dispatch, run, plan, clock.instant());
                    dirtyJobs.add(job);
                    pendingLeases.addAll(board.queue(job));
                } catch (MissingInputException e) {
                    book.executorOf(run.id)
                            .finished(run.id, dispatch.stage(), dispatch.action(), false, Failures.message(e));
                }
            }
        }
        cancelAbandoned();
        RunBook.Changes changes = book.takeChanges();
        List<JobRecord> jobs = List.copyOf(dirtyJobs);
        dirtyJobs.clear();
        List<JobBoard.Lease> leases = List.copyOf(pendingLeases);
        pendingLeases.clear();
        // a job leased at once to a waiting agent never passed through update(): its wait is measured here
        leases.forEach(l -> metrics.jobChanged(Optional.empty(), l.job(), clock.instant()));
        leases.forEach(l -> deadlines.changed(Optional.empty(), l.job(), clock.instant()));
        if (changes.runs().isEmpty() && changes.changes().isEmpty() && jobs.isEmpty() && leases.isEmpty()) {
            return saved; // nothing to save (most ticks)
        }
        Future<Void> mine = saved.transform(previous ->
                store.save(changes.runs(), changes.changes(), changes.stageEntries(), Jobs.withLeases(jobs, leases)));
        saved = mine.recover(e -> Future.succeededFuture());
        mine.onSuccess(v -> {
                    book.saved(changes);
                    events.announce(
                            changes.runs(),
                            changes.changes(),
                            id -> book.meta(id).map(m -> m.pipeline).orElse(null),
                            clock.instant());
                    leases.forEach(l -> l.waiter().promise().tryComplete(Optional.of(l.job())));
                })
                .onFailure(e -> {
                    LOG.error("saving the orchestrator's state failed; retrying with the next step", e);
                    book.unsaved(changes);
                    dirtyJobs.addAll(0, jobs);
                    leases.forEach(l -> l.waiter().promise().tryFail(e));
                });
        return mine;
    }

    /** Jobs whose action no longer runs (abandoned, or the run stopped) end; their agents are told to stop them. */
    private void cancelAbandoned() {
        for (JobRecord job : Abandonment.of(book, board)) {
            job.agentId().flatMap(board::agent).ifPresent(agent -> agent.cancels.add(job.id()));
            update(job.with(
                    JobState.ABANDONED, job.agentId(), "the action was abandoned", Optional.of(clock.instant())));
        }
    }

    /** A leased job goes back to the queue (its agent was lost before starting it). */
    void requeue(JobRecord job) {
        update(job.with(JobState.QUEUED, Optional.empty(), "", Optional.empty()));
        pendingLeases.addAll(board.queue(board.job(job.id()).orElseThrow()));
    }

    /** Queues a job that belongs to no run (a rollback); it is saved and leased with the next step. */
    void queue(JobRecord job) {
        dirtyJobs.add(job);
        pendingLeases.addAll(board.queue(job));
        step();
    }

    /** Hears every job that ends (after its run heard it). */
    void onJobEnded(Consumer<JobRecord> listener) {
        endedListeners.add(listener);
    }
}
