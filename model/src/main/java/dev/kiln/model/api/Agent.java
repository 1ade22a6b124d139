package dev.kiln.model.api;

import java.time.Instant;
import java.util.List;

/**
 * An agent connected to the orchestrator.
 *
 * @param id its id
 * @param name its name
 * @param kind what it runs
 * @param labels its labels (jobs may ask for them)
 * @param maxJobs how many jobs it runs at once
 * @param jobs the jobs it holds
 * @param connectedAt when it said hello first
 * @param lastSeen when it was last heard
 * @param draining whether an admin drained it
 */
public record Agent(
        String id,
        String name,
        AgentKind kind,
        List<String> labels,
        int maxJobs,
        List<String> jobs,
        Instant connectedAt,
        Instant lastSeen,
        boolean draining) {}
