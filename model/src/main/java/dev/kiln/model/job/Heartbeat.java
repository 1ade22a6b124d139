package dev.kiln.model.job;

import java.util.List;

/**
 * An agent's heartbeat, and the answer to it.
 *
 * @param running the jobs the agent runs now (in a heartbeat), or the jobs it must stop (in the answer)
 */
public record Heartbeat(List<String> running) {
    public Heartbeat {
        running = List.copyOf(running);
    }
}
