package dev.kiln.orchestrator.core;

import dev.kiln.model.api.JobState;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What happens to the jobs of agents silent for too long: leased ones queue again, started ones fail. */
final class LostAgents {
    static final Logger LOG = LoggerFactory.getLogger(LostAgents.class);

    private LostAgents() {}

    static void reap(Orchestrator o, List<AgentState> lost) {
        for (AgentState agent : lost) {
            LOG.warn(
                    "agent {} ({}) lost: no heartbeat for {} s",
                    agent.id,
                    agent.hello.name(),
                    JobBoard.LOST_AFTER.toSeconds());
            release(o, agent, "lost: no heartbeat for " + JobBoard.LOST_AFTER.toSeconds() + " s");
        }
    }

    /**
     * The jobs of an agent gone ({@code why}: lost, removed): a job it leased but never started is queued again, a
     * started one fails, saying so.
     */
    static void release(Orchestrator o, AgentState agent, String why) {
        for (String jobId : List.copyOf(agent.jobs)) {
            o.board
                    .job(jobId)
                    .filter(job -> job.agentId().filter(agent.id::equals).isPresent())
                    .ifPresent(job -> {
                        if (job.state() == JobState.LEASED) {
                            o.requeue(job);
                        } else {
                            o.metrics.leaseLost();
                            o.jobEnded(
                                    job, false, "the agent " + agent.hello.name() + " running it was " + why, Map.of());
                        }
                    });
        }
    }
}
