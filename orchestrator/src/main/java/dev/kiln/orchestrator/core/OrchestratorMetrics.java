package dev.kiln.orchestrator.core;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.JobState;
import dev.kiln.orchestrator.state.JobRecord;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The orchestrator's Prometheus metrics ({@code kiln_*}): jobs queued and running, agents, job wait and run time by
 * stage, lease expiries, webhook lag, runs ended. Fed on the orchestrator's context; read there too (the board is
 * single-threaded), when {@code GET /metrics} is asked.
 */
public final class OrchestratorMetrics {
    private static final List<JobState> OPEN = List.of(JobState.QUEUED, JobState.LEASED, JobState.RUNNING);
    private static final double[] SECONDS = {0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Gauge jobs = Gauge.builder()
            .name("kiln_jobs")
            .help("Open jobs by kind (build, deploy) and state (Queued, Leased, Running); Queued is the queue depth")
            .labelNames("kind", "state")
            .register(registry);
    private final Gauge agents = Gauge.builder()
            .name("kiln_agents")
            .help("Agents this orchestrator knows (heard from within 30 s), by kind")
            .labelNames("kind")
            .register(registry);
    private final Histogram wait = Histogram.builder()
            .name("kiln_job_wait_seconds")
            .help("From a job's queueing to its lease by an agent, by stage")
            .labelNames("stage")
            .classicUpperBounds(SECONDS)
            .register(registry);
    private final Histogram run = Histogram.builder()
            .name("kiln_job_run_seconds")
            .help("From a job's lease to its end, by stage and final state")
            .labelNames("stage", "state")
            .classicUpperBounds(SECONDS)
            .register(registry);
    private final Counter expiries = Counter.builder()
            .name("kiln_lease_expiries_total")
            .help("Leases that lapsed: an agent lost (no heartbeat for 30 s) with a job it had leased or started")
            .register(registry);
    private final Counter handBacks = Counter.builder()
            .name("kiln_jobs_handed_back_total")
            .help("Jobs an agent gave back unfinished as it stopped, queued again for another agent")
            .register(registry);
    /** Jobs being handed back: their return to the queue is no lapsed lease. */
    private final java.util.Set<String> handingBack = new java.util.HashSet<>();

    private final Histogram webhookLag = Histogram.builder()
            .name("kiln_webhook_lag_seconds")
            .help("From a push webhook's arrival to the run it started being saved")
            .classicUpperBounds(SECONDS)
            .register(registry);
    private final Map<String, Instant> leasedAt = new HashMap<>();
    private final JobBoard board;
    private final java.time.Clock clock;

    OrchestratorMetrics(JobBoard board, java.time.Clock clock) {
        this.board = board;
        this.clock = clock;
    }

    /** A job's state changed from {@code before} (empty: new, or not open) to {@code after}, at {@code now}. */
    void jobChanged(Optional<JobRecord> before, JobRecord after, Instant now) {
        Optional<JobState> was = before.map(JobRecord::state);
        // the board marks a job Leased before it is updated here: a lease is a Leased job not seen leased yet
        if (after.state() == JobState.LEASED && !leasedAt.containsKey(after.id())) {
            wait.labelValues(after.stage()).observe(seconds(after.createdAt(), now));
            leasedAt.put(after.id(), now);
        } else if (after.state() == JobState.QUEUED
                && was.filter(w -> w == JobState.LEASED || w == JobState.RUNNING)
                        .isPresent()) {
            if (handingBack.remove(after.id())) {
                handBacks.inc();
            } else {
                expiries.inc();
            }
            leasedAt.remove(after.id());
        } else if (!OPEN.contains(after.state())) {
            Instant leased = leasedAt.remove(after.id());
            if (leased != null) {
                run.labelValues(after.stage(), after.state().wireName()).observe(seconds(leased, now));
            }
        }
    }

    /** The agent of a job gives it back: its next return to the queue is counted as a hand-back. */
    void handingBack(String jobId) {
        handingBack.add(jobId);
    }

    /** A job was failed because the agent running it was lost. */
    void leaseLost() {
        expiries.inc();
    }

    /** A push webhook that arrived at {@code arrived} started a run, saved now. */
    public void webhookStartedRun(Instant arrived, Instant now) {
        webhookLag.observe(seconds(arrived, now));
    }

    /** The metrics as Prometheus text, with the board's current counts; on the orchestrator's context. */
    public String scrape() {
        Instant now = clock.instant();
        Map<List<String>, Integer> open = new HashMap<>();
        for (AgentKind kind : AgentKind.values()) {
            for (JobState state : OPEN) {
                open.put(List.of(kind.wireName(), state.wireName()), 0);
            }
        }
        for (JobRecord job : board.openJobs()) {
            open.merge(List.of(job.kind().wireName(), job.state().wireName()), 1, Integer::sum);
        }
        open.forEach((key, count) -> jobs.labelValues(key.get(0), key.get(1)).set(count));
        Map<AgentKind, Integer> byKind = new java.util.EnumMap<>(AgentKind.class);
        for (AgentKind kind : AgentKind.values()) {
            byKind.put(kind, 0);
        }
        for (AgentState agent : board.agents()) {
            if (agent.lastSeen.plus(JobBoard.LOST_AFTER).isAfter(now)) {
                byKind.merge(agent.hello.kind(), 1, Integer::sum);
            }
        }
        byKind.forEach((kind, count) -> agents.labelValues(kind.wireName()).set(count));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape(), EscapingScheme.ALLOW_UTF8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The content type of {@link #scrape}'s text. */
    public String contentType() {
        return writer.getContentType();
    }

    private static double seconds(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis() / 1000.0);
    }
}
