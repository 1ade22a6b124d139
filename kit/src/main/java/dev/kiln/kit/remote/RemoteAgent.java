package dev.kiln.kit.remote;

import dev.kiln.client.AgentClient;
import dev.kiln.client.ApiRefusedException;
import dev.kiln.client.OrchestratorUnreachableException;
import dev.kiln.kit.store.ArtifactStore;
import dev.kiln.model.build.StatusType;
import dev.kiln.model.job.AgentHello;
import dev.kiln.model.job.AgentWelcome;
import dev.kiln.model.job.JobHandBack;
import dev.kiln.model.job.JobResult;
import dev.kiln.model.job.JobSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * An agent connected to an orchestrator: {@code maxJobs} workers each long-poll for a job and run it, a
 * heartbeat thread beats and stops abandoned jobs; a forgotten agent says hello again with the jobs it runs.
 */
public final class RemoteAgent {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteAgent.class);
    /** The status an orchestrator answers an agent an admin removed. */
    static final int REMOVED = 410;

    private final AgentClient client;
    private final String name;
    private final List<String> labels;
    private final int maxJobs;
    private final JobFactory jobs;
    private final Consumer<String> say;
    private final Map<String, AgentJob> running = new ConcurrentHashMap<>();
    /**
     * The jobs this agent holds, from the moment their lease is answered until their result is acknowledged: what
     * its heartbeats name (the orchestrator takes back a job two heartbeats in a row leave out).
     */
    private final java.util.Set<String> held = ConcurrentHashMap.newKeySet();

    /** The jobs being given back as the agent stops: their end is no result. */
    private final java.util.Set<String> givingBack = ConcurrentHashMap.newKeySet();

    private volatile @Nullable AgentWelcome welcome;
    private volatile boolean stopping;
    /** When calls about jobs stop being retried ({@link System#nanoTime()}): set once the agent shuts down. */
    private volatile long giveUpAt = Long.MAX_VALUE;

    private final AgentStatus status = new AgentStatus();

    /** An agent; {@code say} hears what it does, a line at a time. */
    public RemoteAgent(
            AgentClient client, String name, List<String> labels, int maxJobs, JobFactory jobs, Consumer<String> say) {
        this.client = client;
        this.name = name;
        this.labels = List.copyOf(labels);
        this.maxJobs = maxJobs;
        this.jobs = jobs;
        this.say = say;
    }

    /** Runs until {@link #stop()}: says hello (waiting for the orchestrator if need be), then works. */
    public void run() throws InterruptedException {
        helloUntilAnswered();
        Thread beat = new Thread(this::beatLoop, "kiln-agent-heartbeat");
        beat.setDaemon(true);
        beat.start();
        Thread[] workers = new Thread[maxJobs];
        for (int i = 0; i < maxJobs; i++) {
            workers[i] = new Thread(this::workLoop, "kiln-agent-worker-" + i);
            workers[i].start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        jobs.close();
    }

    /** How it is doing: for its health check and metrics. */
    public AgentStatus status() {
        return status;
    }

    /** Stops taking jobs; jobs running finish. */
    public void stop() {
        stopping = true;
    }

    /** How long, after the grace, a job given back has to end and its agent to say so. */
    static final Duration HAND_BACK = Duration.ofSeconds(30);

    /**
     * Stops as its process was asked to (SIGTERM, Ctrl-C): takes no new job (one whose lease comes meanwhile is given
     * back at once), lets the jobs running end by themselves for {@code grace}, then stops each still running and
     * gives it back to the orchestrator, which queues it again for another agent; then says goodbye, so the
     * orchestrator forgets it at once. Returns when done, or {@link #HAND_BACK} after the grace at the latest.
     */
    public void shutdown(Duration grace) {
        stopping = true;
        long graceEnds = System.nanoTime() + grace.toNanos();
        giveUpAt = graceEnds + HAND_BACK.toNanos();
        if (!held.isEmpty()) {
            say.accept("stopping: waiting up to " + grace.toSeconds() + " s for " + held.size()
                    + " job(s) to end before giving them back");
        }
        waitForJobs(graceEnds);
        for (Map.Entry<String, AgentJob> job : running.entrySet()) {
            say.accept("job " + job.getKey() + " did not end within " + grace.toSeconds()
                    + " s: stopping it and giving it back to the orchestrator");
            givingBack.add(job.getKey());
            job.getValue().handBack();
        }
        waitForJobs(giveUpAt);
        if (!held.isEmpty()) {
            say.accept("stopping with job(s) " + String.join(", ", held) + " not given back: the orchestrator takes"
                    + " them back when this agent's heartbeats stop");
            return;
        }
        try {
            client.goodbye();
        } catch (RuntimeException e) {
            // the orchestrator is away: it forgets this agent when its heartbeats stop
        }
    }

    private void waitForJobs(long until) {
        synchronized (held) {
            while (!held.isEmpty() && System.nanoTime() < until) {
                try {
                    held.wait(Math.max(1, Math.min(200, (until - System.nanoTime()) / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void released(String jobId) {
        synchronized (held) {
            held.remove(jobId);
            held.notifyAll();
        }
    }

    private void helloUntilAnswered() throws InterruptedException {
        boolean told = false;
        while (!stopping) {
            try {
                hello();
                say.accept("connected to the orchestrator as agent " + client.agentId() + " (" + name + ")");
                return;
            } catch (ApiRefusedException e) {
                if (e.status() != REMOVED) {
                    throw e;
                }
                removed(e);
                return;
            } catch (OrchestratorUnreachableException e) {
                if (!told) {
                    say.accept("waiting for the orchestrator: " + e.getMessage());
                    told = true;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** What the orchestrator said at hello; the loops start only after one was answered. */
    private AgentWelcome welcome() {
        AgentWelcome said = welcome;
        if (said == null) {
            throw new IllegalStateException("no hello answered yet");
        }
        return said;
    }

    private synchronized void hello() {
        AgentWelcome answered = client.hello(new AgentHello(name, jobs.kind(), labels, maxJobs, List.copyOf(held)));
        welcome = answered;
        status.contact(answered.heartbeatSeconds());
    }

    /** Says hello again after the orchestrator forgot this agent; quietly retried on the next call if it fails. */
    void rehello() {
        try {
            hello();
            say.accept("said hello again to the orchestrator");
        } catch (ApiRefusedException e) {
            if (e.status() == REMOVED) {
                removed(e);
            }
        } catch (RuntimeException e) {
            // the next call tries again
        }
    }

    /** An admin removed this agent: it stops taking jobs, and its process ends once its jobs have. */
    private void removed(ApiRefusedException e) {
        if (!stopping) {
            say.accept("stopping: " + e.getMessage());
        }
        stopping = true;
    }

    private void beatLoop() {
        while (!stopping || !running.isEmpty()) {
            try {
                Thread.sleep(welcome().heartbeatSeconds() * 1000L);
                List<String> stop = client.heartbeat(List.copyOf(held));
                status.contact(welcome().heartbeatSeconds());
                for (String jobId : stop) {
                    AgentJob job = running.get(jobId);
                    if (job != null) {
                        say.accept("the orchestrator asked to stop job " + jobId + " (abandoned, or its"
                                + " deployment stopped): stopping it");
                        job.stop();
                    }
                }
            } catch (ApiRefusedException e) {
                if (e.status() == 404) {
                    rehello();
                }
            } catch (OrchestratorUnreachableException e) {
                // restarting: beat again later
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // whatever broke one beat, the next is sent: a heartbeat thread that died would leave the
                // orchestrator to declare this agent lost while it works
                LOG.warn("a heartbeat failed: {}", e.toString());
            }
        }
    }

    private void workLoop() {
        while (!stopping) {
            Optional<JobSpec> job;
            try {
                job = client.lease(20_000);
                status.contact(welcome().heartbeatSeconds());
            } catch (ApiRefusedException e) {
                if (e.status() == 404) {
                    rehello();
                } else {
                    say.accept("the orchestrator refused a lease: " + e.getMessage());
                    pause(5000);
                }
                continue;
            } catch (OrchestratorUnreachableException e) {
                pause(1000);
                continue;
            }
            job.ifPresent(spec -> {
                held.add(spec.jobId()); // named in every heartbeat from the moment the lease is answered
                try {
                    if (stopping) {
                        say.accept("job " + spec.jobId() + " came as this agent stops: giving it back");
                        call(() -> client.handBack(
                                spec.jobId(), new JobHandBack("the agent was stopping when its lease came")));
                    } else {
                        runJob(spec);
                    }
                } finally {
                    released(spec.jobId());
                }
            });
        }
    }

    private void runJob(JobSpec spec) {
        ArtifactStore store = new PresignedUrlArtifactStore(client, spec.jobId());
        AgentJob job = jobs.create(spec, store, client);
        job.onStart(() -> {
            Thread tell = new Thread(() -> call(() -> client.started(spec.jobId())), "kiln-agent-started");
            tell.setDaemon(true);
            tell.start();
        });
        running.put(spec.jobId(), job);
        status.started();
        MDC.put("run", spec.runId());
        MDC.put("job", spec.jobId());
        MDC.put("stage", spec.stage());
        MDC.put("action", spec.action());
        say.accept("job " + spec.jobId() + ": run " + spec.runId() + " " + spec.stage() + "/" + spec.action());
        try {
            LogShipper log = new LogShipper(
                    client, spec.jobId(), spec.firstLogLine(), welcome().maxLogBytes(), this::rehello);
            JobResult result;
            try {
                result = job.run(log::line);
            } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                // the agent failed, not the build: the job ends FAULT saying so, and this worker takes the next one
                String why = "the agent failed while running the job ("
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                        + "); see the agent's log";
                LOG.error("job {} failed in the agent", spec.jobId(), e);
                say.accept("job " + spec.jobId() + ": " + why);
                log.line("[Kiln] " + why);
                result = new JobResult(StatusType.FAULT, why, java.util.Map.of(), 0);
            } finally {
                log.close(); // every line acknowledged before the result is sent
            }
            if (givingBack.remove(spec.jobId())) {
                call(() -> client.handBack(
                        spec.jobId(), new JobHandBack("its agent was asked to stop and the job did not end in time")));
                say.accept("job " + spec.jobId() + ": given back");
            } else {
                JobResult done =
                        new JobResult(result.buildStatus(), result.message(), result.outputs(), log.acknowledged());
                call(() -> client.result(spec.jobId(), done));
                say.accept("job " + spec.jobId() + ": " + result.buildStatus());
                status.finished(spec.stage(), result.buildStatus().name());
            }
        } finally {
            running.remove(spec.jobId());
            status.ended();
            MDC.clear();
        }
    }

    /**
     * A call about a job, retried while the orchestrator is away (until the agent gives up as it shuts down); dropped
     * once it refuses (the job is not ours).
     */
    private void call(Runnable call) {
        long backoff = 200;
        while (System.nanoTime() < giveUpAt) {
            try {
                call.run();
                return;
            } catch (ApiRefusedException e) {
                if (e.status() != 404) {
                    say.accept("the orchestrator refused: " + e.getMessage());
                    return;
                }
                rehello();
            } catch (OrchestratorUnreachableException e) {
                // restarting: try again
            }
            pause(backoff);
            backoff = Math.min(5000, backoff * 2);
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
