package dev.kiln.model.job;

import dev.kiln.model.api.AgentKind;
import java.util.List;

/**
 * An agent introducing itself, at start and again whenever the orchestrator has forgotten it (after a restart).
 *
 * @param name a name for people (the host, by default)
 * @param kind {@code build} or {@code deploy}: which jobs it takes
 * @param labels its labels; a job asking for labels goes only to an agent with all of them
 * @param maxJobs how many jobs it runs at once
 * @param running the jobs it is running now
 */
public record AgentHello(String name, AgentKind kind, List<String> labels, int maxJobs, List<String> running) {
    public AgentHello {
        labels = List.copyOf(labels);
        running = List.copyOf(running);
    }
}
