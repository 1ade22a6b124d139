package dev.kiln.orchestrator.core;

import dev.kiln.model.api.JobState;
import dev.kiln.model.job.AgentHello;
import dev.kiln.orchestrator.state.JobRecord;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Open jobs and the agents that take them. A queued job goes to the first idle agent whose kind and labels fit,
 * at once if one is waiting in a long poll. Single-threaded: the orchestrator's context only.
 */
final class JobBoard {
    static final Duration LOST_AFTER = Duration.ofSeconds(30);

    private final Map<String, JobRecord> open = new LinkedHashMap<>();
    private final Map<String, AgentState> agents = new LinkedHashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    /** Agents an admin removed: they may not say hello again. */
    private final java.util.Set<String> removed = new java.util.HashSet<>();
    /** The environment of each open deploy job: one deployment per environment at a time. */
    private final Map<String, String> environments = new java.util.HashMap<>();

    /** A long poll of an agent for its next job. */
    record Waiter(String agentId, Promise<Optional<JobRecord>> promise) {}

    /**
     * An agent said hello with the token whose hash is {@code caller}: new, or known again after a restart (its jobs
     * are its own again).
     *
     * @throws ForeignAgentException when the agent said hello before with another token
     */
    AgentState hello(String agentId, AgentHello hello, String caller, Instant now) {
        if (removed.contains(agentId)) {
            throw new AgentRemovedException(agentId);
        }
        AgentState known = agents.get(agentId);
        if (known != null && known.owner != null && !known.owner.equals(caller)) {
            throw new ForeignAgentException(agentId);
        }
        if (known != null && known.owner == null && known.claimedBy != null && !known.claimedBy.equals(caller)) {
            // after a restart: the jobs it held are spoken for with the token that leased them, and no other
            throw new ForeignAgentException(agentId);
        }
        AgentState agent = agents.computeIfAbsent(agentId, id -> new AgentState(id, hello, now));
        agent.owner = caller;
        agent.hello = hello;
        agent.lastSeen = now;
        for (JobRecord job : open.values()) {
            if (job.agentId().filter(agentId::equals).isPresent()) {
                agent.jobs.add(job.id());
            }
        }
        return agent;
    }

    /** How many heartbeats in a row may leave out a job an agent holds before it is taken back. */
    static final int MISSED_BEATS = 2;

    /**
     * An agent's heartbeat named the jobs it runs: answers the jobs it holds here that {@link #MISSED_BEATS} beats in a
     * row left out (a lease whose answer never reached it, a job its process lost), to be taken back.
     */
    List<JobRecord> missing(AgentState agent, java.util.Collection<String> reported) {
        List<JobRecord> gone = new ArrayList<>();
        agent.misses.keySet().retainAll(agent.jobs);
        for (String jobId : agent.jobs) {
            JobRecord job = open.get(jobId);
            if (job == null || job.state().isFinal() || reported.contains(jobId)) {
                agent.misses.remove(jobId);
                continue;
            }
            if (agent.misses.merge(jobId, 1, Integer::sum) >= MISSED_BEATS) {
                agent.misses.remove(jobId);
                gone.add(job);
            }
        }
        return gone;
    }

    Optional<AgentState> agent(String agentId) {
        return Optional.ofNullable(agents.get(agentId));
    }

    List<AgentState> agents() {
        return List.copyOf(agents.values());
    }

    /** An agent's job a restart left with it: it has 30 s to say hello again. */
    void adopt(JobRecord job, Instant now) {
        open(job);
        job.agentId().ifPresent(agentId -> {
            AgentState agent = agents.computeIfAbsent(
                    agentId, id -> new AgentState(id, new AgentHello(id, job.kind(), List.of(), 1, List.of()), now));
            agent.jobs.add(job.id());
            job.owner().ifPresent(owner -> agent.claimedBy = owner);
        });
    }

    Optional<JobRecord> job(String jobId) {
        return Optional.ofNullable(open.get(jobId));
    }

    List<JobRecord> openJobs() {
        return List.copyOf(open.values());
    }

    /** Replaces an open job's record (a new state); an ended job leaves the board. */
    void update(JobRecord job) {
        JobRecord before = open.get(job.id());
        if (before != null && before.agentId().isPresent() && !before.agentId().equals(job.agentId())) {
            // taken back from its agent (queued again): that agent holds it no more
            AgentState previous = agents.get(before.agentId().get());
            if (previous != null) {
                previous.jobs.remove(job.id());
            }
        }
        if (!job.state().isFinal()) {
            open.put(job.id(), job);
        } else {
            open.remove(job.id());
            environments.remove(job.id());
            job.agentId().map(agents::get).ifPresent(a -> a.jobs.remove(job.id()));
        }
    }

    /** Queues a job, or hands it to a waiting agent; answers the leases made. */
    List<Lease> queue(JobRecord job) {
        if (!open.containsKey(job.id())) {
            ActivityLog.job(job); // new; one queued again was said by the orchestrator's update
        }
        open(job);
        return match();
    }

    /** Gives an agent its next job now, if one fits. */
    Optional<JobRecord> leaseNow(String agentId, Instant now) {
        AgentState agent = agents.get(agentId);
        if (agent == null) {
            return Optional.empty();
        }
        agent.lastSeen = now;
        for (JobRecord job : open.values()) {
            if (job.state() == JobState.QUEUED
                    && agent.takes(job.kind(), job.labels(), environments.get(job.id()))
                    && free(job)) {
                return Optional.of(lease(agent, job));
            }
        }
        return Optional.empty();
    }

    /** Parks an agent's long poll until a job fits or the poll times out. */
    void await(Waiter waiter) {
        waiters.add(waiter);
    }

    /** Ends a long poll with nothing, if it is still parked. */
    void expire(Waiter waiter) {
        if (waiters.remove(waiter)) {
            waiter.promise().tryComplete(Optional.empty());
        }
    }

    /** Agents silent for 30 s, removed with the jobs they held. */
    List<AgentState> lost(Instant now) {
        List<AgentState> lost = new ArrayList<>();
        for (Iterator<AgentState> it = agents.values().iterator(); it.hasNext(); ) {
            AgentState agent = it.next();
            if (Duration.between(agent.lastSeen, now).compareTo(LOST_AFTER) >= 0) {
                it.remove();
                lost.add(agent);
                waiters.removeIf(w -> w.agentId().equals(agent.id));
            }
        }
        return lost;
    }

    /** Forgets an agent an admin removed (its long polls end empty); answers it, with the jobs it held. */
    Optional<AgentState> remove(String agentId) {
        AgentState agent = agents.remove(agentId);
        if (agent != null) {
            removed.add(agentId);
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (waiter.agentId().equals(agentId)) {
                    it.remove();
                    waiter.promise().tryComplete(Optional.empty());
                }
            }
        }
        return Optional.ofNullable(agent);
    }

    /** A job leased to a waiting agent. */
    record Lease(Waiter waiter, JobRecord job) {}

    private List<Lease> match() {
        List<Lease> leases = new ArrayList<>();
        for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
            Waiter waiter = it.next();
            AgentState agent = agents.get(waiter.agentId());
            if (agent == null) {
                continue;
            }
            for (JobRecord job : open.values()) {
                if (job.state() == JobState.QUEUED
                        && agent.takes(job.kind(), job.labels(), environments.get(job.id()))
                        && free(job)) {
                    leases.add(new Lease(waiter, lease(agent, job)));
                    it.remove();
                    break;
                }
            }
        }
        return leases;
    }

    private void open(JobRecord job) {
        open.put(job.id(), job);
        String environment = Jobs.environmentOf(job);
        if (!environment.isEmpty()) {
            environments.put(job.id(), environment);
        }
    }

    /** Whether no other job deploys to this job's environment now (jobs of other kinds are always free). */
    private boolean free(JobRecord job) {
        String environment = environments.get(job.id());
        if (environment == null) {
            return true;
        }
        return open.values().stream()
                .filter(other -> !other.id().equals(job.id()) && other.state() != JobState.QUEUED)
                .noneMatch(other -> environment.equals(environments.get(other.id())));
    }

    /** Matches waiting agents with jobs again: a job ended, so an environment may be free. */
    List<Lease> rematch() {
        return match();
    }

    private JobRecord lease(AgentState agent, JobRecord job) {
        JobRecord leased = job.leased(agent.id, agent.owner);
        open.put(job.id(), leased);
        agent.jobs.add(job.id());
        ActivityLog.job(leased); // the orchestrator's update sees it Leased already
        return leased;
    }

    /** Jobs of a run, for stopping. */
    List<JobRecord> jobsOf(String runId) {
        return open.values().stream().filter(j -> j.runId().equals(runId)).toList();
    }
}
