package dev.kiln.orchestrator.core;

import dev.kiln.model.api.Agent;
import dev.kiln.model.api.JobState;
import dev.kiln.model.job.AgentHello;
import dev.kiln.model.job.AgentWelcome;
import dev.kiln.model.job.Heartbeat;
import dev.kiln.model.job.JobHandBack;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import dev.kiln.model.job.LogBatch;
import dev.kiln.model.job.ObjectGrant;
import dev.kiln.model.job.ObjectGrantRequest;
import dev.kiln.model.job.ObjectListing;
import dev.kiln.orchestrator.state.AgentGrant;
import dev.kiln.orchestrator.state.JobRecord;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Where agents say hello, lease jobs, beat, send log lines and results. On the orchestrator's context only. */
public final class AgentDesk {
    static final int HEARTBEAT_SECONDS = 5;

    /** How long after a job ended its agent may still send the lines it printed while stopping it. */
    static final java.time.Duration LATE_LINES = java.time.Duration.ofMinutes(5);

    private final Vertx vertx;
    private final Orchestrator orchestrator;
    private final ObjectGrants objects;
    private final LogHub logs;
    private final LogArchive archive;
    private final long maxLogBytes;
    /**
     * The characters stored of each open job's log (read from the store the first time after a start): a batch past
     * the cap and {@link #CAP_SLACK} is refused.
     */
    private final java.util.Map<String, Long> logChars = new java.util.HashMap<>();

    /** Room past the cap for the line that counts what was dropped, and a batch the agent had in flight. */
    static final long CAP_SLACK = 3L << 20;

    /** A desk for an orchestrator's agents; a job's log is kept up to {@code maxLogBytes}. */
    public AgentDesk(
            Vertx vertx,
            Orchestrator orchestrator,
            ObjectGrants objects,
            LogHub logs,
            LogArchive archive,
            long maxLogBytes) {
        this.archive = archive;
        this.maxLogBytes = maxLogBytes;
        orchestrator.onJobEnded(job -> logChars.remove(job.id()));
        this.vertx = vertx;
        this.orchestrator = orchestrator;
        this.objects = objects;
        this.logs = logs;
    }

    /**
     * An agent says hello: at start, and whenever the orchestrator did not know it. Every call of an agent names the
     * caller, the SHA-256 of the token it was made with: an agent belongs to the token it said hello with.
     */
    public AgentWelcome hello(String agentId, AgentHello hello, String caller, Optional<AgentGrant> grant) {
        if (grant.isPresent() && !grant.get().allows(hello.kind())) {
            throw new AgentNotAllowedException(grant.get()
                            .kind()
                            .map(kind -> "this token is for " + kind + " agents, not " + hello.kind() + " agents")
                            .orElse("this token was made before agent tokens were bound to a kind, and may be a build"
                                    + " agent only")
                    + "; make one for them: kiln agents tokens create NAME --kind " + hello.kind());
        }
        List<String> disallowed =
                grant.map(g -> g.disallowedLabels(hello.labels())).orElse(List.of());
        if (!disallowed.isEmpty()) {
            throw new AgentNotAllowedException("this token's agents may not claim the label"
                    + (disallowed.size() == 1 ? " " : "s ") + String.join(", ", disallowed)
                    + " (it allows "
                    + String.join(
                            ", ",
                            new java.util.TreeSet<>(grant.orElseThrow().labels().orElseThrow()))
                    + "); start the agent without them, or make a token that allows them: kiln agents tokens create"
                    + " NAME --label LABEL");
        }
        AgentState agent = orchestrator.board.hello(agentId, hello, caller, orchestrator.clock.instant());
        agent.environments = grant.flatMap(AgentGrant::environments).orElse(null);
        return new AgentWelcome(HEARTBEAT_SECONDS, maxLogBytes);
    }

    /**
     * Drains an agent (it finishes what it runs and is given nothing new), or ends its draining.
     *
     * @throws UnknownAgentException when there is no such agent
     */
    public Agent drain(String agentId, boolean drain) {
        AgentState agent = orchestrator.board.agent(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
        agent.draining = drain;
        if (!drain) {
            orchestrator.pendingLeases.addAll(orchestrator.board.rematch());
            orchestrator.step();
        }
        return view(agent);
    }

    /**
     * Removes an agent: it is forgotten and may not say hello again (its process is told to stop); a job it leased is
     * queued again, a job it runs fails.
     *
     * @throws UnknownAgentException when there is no such agent
     */
    public Future<Agent> remove(String agentId) {
        AgentState agent = orchestrator.board.remove(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
        LostAgents.release(orchestrator, agent, "removed by an admin");
        return orchestrator.step().map(v -> view(agent));
    }

    /** The agents connected, with the jobs they hold. */
    public List<Agent> agents() {
        List<Agent> out = new ArrayList<>();
        for (AgentState agent : orchestrator.board.agents()) {
            out.add(view(agent));
        }
        return out;
    }

    /** The next job for an agent: at once if one fits, else when one is queued, else empty after {@code waitMs}. */
    public Future<Optional<JobSpec>> lease(String agentId, String caller, long waitMs) {
        known(agentId, caller);
        Optional<JobRecord> now = orchestrator.board.leaseNow(agentId, orchestrator.clock.instant());
        if (now.isPresent()) {
            orchestrator.update(now.get());
            return orchestrator.step().map(v -> Optional.of(Jobs.spec(now.get())));
        }
        Promise<Optional<JobRecord>> promise = Promise.promise();
        JobBoard.Waiter waiter = new JobBoard.Waiter(agentId, promise);
        orchestrator.board.await(waiter);
        long timer = vertx.setTimer(Math.max(1, waitMs), t -> orchestrator.board.expire(waiter));
        return promise.future().map(job -> {
            vertx.cancelTimer(timer);
            return job.map(Jobs::spec);
        });
    }

    /**
     * A heartbeat naming the jobs the agent runs; answers the jobs it must stop. A job it holds here that its last
     * {@link JobBoard#MISSED_BEATS} heartbeats left out is taken back: queued again when it was only leased (the
     * lease's answer never reached the agent), failed saying so when it had started.
     */
    public Heartbeat heartbeat(String agentId, String caller, Heartbeat beat) {
        AgentState agent = known(agentId, caller);
        List<String> stop = new ArrayList<>(agent.cancels);
        agent.cancels.clear();
        List<JobRecord> gone = orchestrator.board.missing(agent, beat.running() == null ? List.of() : beat.running());
        for (JobRecord job : gone) {
            if (job.state() == JobState.LEASED) {
                LostAgents.LOG.warn("job {} leased to agent {} never reached it: queued again", job.id(), agentId);
                orchestrator.requeue(job);
            } else {
                orchestrator.metrics.leaseLost();
                orchestrator.jobEnded(
                        job,
                        false,
                        "the agent " + agent.hello.name() + " no longer runs it: its last " + JobBoard.MISSED_BEATS
                                + " heartbeats left it out (its process lost the job; see the agent's log)",
                        java.util.Map.of());
            }
        }
        if (!gone.isEmpty()) {
            orchestrator.step();
        }
        return new Heartbeat(stop);
    }

    /** The agent started a leased job's build: from now on, losing the agent fails the action. */
    public Future<Void> started(String agentId, String caller, String jobId) {
        JobRecord job = mine(agentId, caller, jobId);
        if (job.state() == JobState.LEASED) {
            orchestrator.update(job.with(JobState.RUNNING, job.agentId(), "", Optional.empty()));
            return orchestrator.step();
        }
        return Future.succeededFuture();
    }

    /**
     * Log lines of a job the agent holds: saved, then passed to followers; answers how many lines the job now has.
     * The lines an agent sends while it stops a job that ended (stopped, abandoned) are taken from that agent for
     * {@link #LATE_LINES} after the end, from no one else and never later.
     *
     * @throws UnknownJobException when another agent held the job, or it ended longer ago
     */
    public Future<Long> log(String agentId, String caller, String jobId, LogBatch batch) {
        known(agentId, caller);
        if (orchestrator.board.job(jobId).isPresent()) {
            mine(agentId, caller, jobId);
            return append(jobId, batch);
        }
        return orchestrator.store.job(jobId).compose(found -> {
            JobRecord job = found.filter(
                            j -> j.agentId().filter(agentId::equals).isPresent())
                    .orElseThrow(() -> new UnknownJobException("job " + jobId + " is not held by agent " + agentId));
            if (job.endedAt()
                    .filter(end -> end.plus(LATE_LINES).isBefore(orchestrator.clock.instant()))
                    .isPresent()) {
                throw new UnknownJobException(
                        "job " + jobId + " ended at " + job.endedAt().get() + "; its log takes no more lines");
            }
            return append(jobId, batch);
        });
    }

    private Future<Long> append(String jobId, LogBatch batch) {
        long chars = 0;
        for (String line : batch.lines()) {
            chars += line.length() + 1;
        }
        long adding = chars;
        Long known = logChars.get(jobId);
        Future<Long> stored = known != null ? Future.succeededFuture(known) : orchestrator.store.logSize(jobId);
        return stored.compose(before -> {
            // characters never outnumber UTF-8 bytes: an agent within its byte cap is within this one
            if (before + adding > maxLogBytes + CAP_SLACK) {
                throw new LogOverCapException("job " + jobId + "'s log holds " + dev.kiln.model.Sizes.show(before)
                        + " and may hold " + dev.kiln.model.Sizes.show(maxLogBytes)
                        + ": drop the lines past the cap and count them in one line");
            }
            return orchestrator
                    .store
                    .appendLog(jobId, batch.firstLine(), batch.lines())
                    .map(count -> {
                        if (orchestrator.board.job(jobId).isPresent()) {
                            // a batch sent twice is stored once and counted twice: the slack covers it
                            logChars.compute(jobId, (k, counted) -> (counted == null ? before : counted) + adding);
                        }
                        logs.publish(jobId, batch);
                        return count;
                    });
        });
    }

    /**
     * A URL for one operation on one object of a job the agent holds; only objects the job may touch
     * ({@link dev.kiln.model.job.JobObjects}).
     */
    public Future<ObjectGrant> grant(String agentId, String caller, String jobId, ObjectGrantRequest request) {
        return objects.grant(Jobs.spec(mine(agentId, caller, jobId)), request);
    }

    /** The objects under a prefix of a job the agent holds. */
    public Future<ObjectListing> objects(String agentId, String caller, String jobId, String prefix) {
        return objects.list(Jobs.spec(mine(agentId, caller, jobId)), prefix);
    }

    /**
     * An agent that is stopping gives a job back unfinished: a line saying so ends the job's log so far, and the job
     * is queued again for another agent, its log going on after that line. A build starts again from its beginning; a
     * deploy job goes on with the same deployment ({@link DeployDesk#begin}), from its first host.
     */
    public Future<Void> handBack(String agentId, String caller, String jobId, JobHandBack why) {
        mine(agentId, caller, jobId);
        AgentState agent = known(agentId, caller);
        agent.draining = true; // it stops: the job, or any other, must not go back to it
        String reason = why.reason().length() > JobHandBack.MAX_REASON
                ? why.reason().substring(0, JobHandBack.MAX_REASON) + "..."
                : why.reason();
        String line = "[Kiln] the agent " + agent.hello.name() + " gave this job back unfinished"
                + (reason.isBlank() ? "" : " (" + reason.replaceAll("\\p{Cntrl}", " ") + ")")
                + ": queued again for the next agent";
        return orchestrator.store.appendLog(jobId, 0, List.of()).compose(count -> {
            // the board may have moved on while the count was read (the run stopped, the agent was lost)
            Optional<JobRecord> now = orchestrator.board.job(jobId);
            if (now.isEmpty() || !now.get().agentId().filter(agentId::equals).isPresent()) {
                return Future.succeededFuture();
            }
            return append(jobId, new LogBatch(count, List.of(line))).compose(lines -> {
                Optional<JobRecord> still = orchestrator.board.job(jobId);
                if (still.isEmpty()
                        || !still.get().agentId().filter(agentId::equals).isPresent()) {
                    return Future.succeededFuture();
                }
                LostAgents.LOG.info("job {} handed back by agent {} ({}): queued again", jobId, agentId, reason);
                orchestrator.metrics.handingBack(jobId);
                JobRecord again =
                        still.get().withSpec(Jobs.json(Jobs.spec(still.get()).continuingLogAt(lines)));
                orchestrator.requeue(again);
                return orchestrator.step();
            });
        });
    }

    /**
     * An agent stops: it is forgotten at once, its long polls end empty, a job leased to it that it never started is
     * queued again and one it still runs fails (it should have handed it back first).
     */
    public Future<Agent> goodbye(String agentId, String caller) {
        known(agentId, caller);
        AgentState agent = orchestrator.board.remove(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
        LostAgents.release(orchestrator, agent, "stopped before the job ended");
        return orchestrator.step().map(v -> view(agent));
    }

    /** A job's result; a result for a job no longer open (sent twice, or abandoned) is taken and ignored. */
    public Future<Void> finished(String agentId, String caller, String jobId, JobResult result) {
        known(agentId, caller);
        Optional<JobRecord> job = orchestrator.board.job(jobId);
        if (job.isEmpty()) {
            return Future.succeededFuture();
        }
        if (!job.get().agentId().filter(agentId::equals).isPresent()) {
            throw new UnknownJobException("job " + jobId + " is not held by agent " + agentId);
        }
        orchestrator.jobEnded(job.get(), result.succeeded(), result.message(), result.outputs());
        return orchestrator.step().onSuccess(v -> {
            logs.ended(jobId);
            archive.archiveIfLong(jobId);
        });
    }

    private AgentState known(String agentId, String caller) {
        return known(orchestrator, agentId, caller);
    }

    /**
     * The agent a call speaks for, when the call's token is the one the agent said hello with.
     *
     * @throws UnknownAgentException when it is not connected (or has not said hello since a restart)
     * @throws ForeignAgentException when it said hello with another token
     */
    static AgentState known(Orchestrator orchestrator, String agentId, String caller) {
        AgentState agent = orchestrator.board.agent(agentId).orElseThrow(() -> new UnknownAgentException(agentId));
        if (agent.owner == null) {
            throw new UnknownAgentException(agentId);
        }
        if (!agent.owner.equals(caller)) {
            throw new ForeignAgentException(agentId);
        }
        agent.lastSeen = orchestrator.clock.instant();
        return agent;
    }

    private JobRecord mine(String agentId, String caller, String jobId) {
        known(agentId, caller);
        JobRecord job = orchestrator
                .board
                .job(jobId)
                .orElseThrow(() -> new UnknownJobException("job " + jobId + " is not open; stop it"));
        if (!job.agentId().filter(agentId::equals).isPresent()) {
            throw new UnknownJobException("job " + jobId + " is not held by agent " + agentId + "; stop it");
        }
        return job;
    }

    private static Agent view(AgentState agent) {
        return new Agent(
                agent.id,
                agent.hello.name(),
                agent.hello.kind(),
                agent.hello.labels(),
                agent.hello.maxJobs(),
                List.copyOf(agent.jobs),
                agent.connectedAt,
                agent.lastSeen,
                agent.draining);
    }
}
