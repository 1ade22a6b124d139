package dev.kiln.kit.remote;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How an agent is doing: connected or not (its last answer from the orchestrator), the jobs it runs, and the
 * Prometheus metrics it serves ({@code kiln_agent_*}).
 */
public final class AgentStatus {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final AtomicInteger running = new AtomicInteger();
    private final Counter jobs = Counter.builder()
            .name("kiln_agent_jobs_total")
            .help("Jobs this agent finished, by stage and status")
            .labelNames("stage", "status")
            .register(registry);
    private final Histogram jobSeconds = Histogram.builder()
            .name("kiln_agent_job_duration_seconds")
            .help("How long this agent's jobs ran, by stage")
            .labelNames("stage")
            .classicUpperBounds(1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600)
            .register(registry);
    private final ThreadLocal<Long> startedAt = new ThreadLocal<>();
    private volatile long lastContactNanos;
    private volatile int heartbeatSeconds = 10;

    /** A new status, not connected yet. */
    public AgentStatus() {
        GaugeWithCallback.builder()
                .name("kiln_agent_jobs_running")
                .help("Jobs this agent runs now")
                .callback(gauge -> gauge.call(running.get()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("kiln_agent_connected")
                .help("1 while the orchestrator answers this agent (within three heartbeats), else 0")
                .callback(gauge -> gauge.call(connected() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name("kiln_agent_seconds_since_contact")
                .help("Seconds since the orchestrator last answered this agent")
                .callback(gauge -> gauge.call(sinceContact().toMillis() / 1000.0))
                .register(registry);
    }

    /** The orchestrator answered; it wants a heartbeat every {@code heartbeatSeconds}. */
    void contact(int heartbeatSeconds) {
        this.heartbeatSeconds = heartbeatSeconds;
        lastContactNanos = System.nanoTime();
    }

    void started() {
        running.incrementAndGet();
        startedAt.set(System.nanoTime());
    }

    void finished(String stage, String status) {
        jobs.labelValues(stage, status).inc();
        Long start = startedAt.get();
        if (start != null) {
            jobSeconds.labelValues(stage).observe((System.nanoTime() - start) / 1e9);
        }
    }

    void ended() {
        running.decrementAndGet();
        startedAt.remove();
    }

    /** Time since the orchestrator last answered (forever when it never has). */
    public Duration sinceContact() {
        long last = lastContactNanos;
        return last == 0 ? Duration.ofDays(365) : Duration.ofNanos(System.nanoTime() - last);
    }

    /** Whether the orchestrator answered within three heartbeats (an agent leasing long-polls every 20 s). */
    public boolean connected() {
        return sinceContact().compareTo(Duration.ofSeconds(Math.max(30, 3L * heartbeatSeconds))) < 0;
    }

    /** Jobs running now. */
    public int running() {
        return running.get();
    }

    /** The metrics. */
    public PrometheusRegistry registry() {
        return registry;
    }
}
