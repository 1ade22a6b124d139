package dev.kiln.orchestrator.core;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.job.AgentHello;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An agent as the orchestrator sees it: what it said of itself, when it was last heard, what it holds. */
final class AgentState {
    final String id;
    AgentHello hello;
    Instant lastSeen;
    Instant connectedAt;
    final Set<String> jobs = new LinkedHashSet<>();
    final Set<String> cancels = new LinkedHashSet<>();
    /** For each job it holds, how many heartbeats in a row left it out. */
    final java.util.Map<String, Integer> misses = new java.util.HashMap<>();
    /** Drained by an admin: it finishes what it runs and is given nothing new. */
    boolean draining;
    /**
     * The SHA-256 of the token it said hello with: only calls with that token speak for it. Absent for an agent
     * known only from the jobs a restart left with it, until it says hello again.
     */
    @Nullable
    String owner;
    /**
     * For an agent known only from the jobs a restart left with it: the SHA-256 of the token that leased them. Only
     * that token may say hello for it again.
     */
    @Nullable
    String claimedBy;
    /** The environments its token lets it deploy to; null for every one. */
    @Nullable
    Set<String> environments;

    AgentState(String id, AgentHello hello, Instant now) {
        this.id = id;
        this.hello = hello;
        this.lastSeen = now;
        this.connectedAt = now;
    }

    /** Whether it may take a job of that kind, needing those labels, deploying to {@code environment} (or none). */
    boolean takes(AgentKind kind, List<String> labels, @Nullable String environment) {
        return !draining
                && (environment == null || environments == null || environments.contains(environment))
                && hello.kind().equals(kind)
                && hello.labels().containsAll(labels)
                && jobs.size() < hello.maxJobs();
    }
}
