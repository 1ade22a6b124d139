package dev.kiln.orchestrator.state;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An action handed to agents.
 *
 * @param id the job's id
 * @param runId its run
 * @param stage its stage
 * @param action its action
 * @param attempt the action's attempt it runs
 * @param kind the agents that run it: build (build and test actions) or deploy
 * @param labels agent labels it needs
 * @param spec what the agent is given, as JSON
 * @param state where it stands
 * @param agentId the agent holding it
 * @param message why it ended as it did
 * @param outputs the key in the object store of each output artifact it made, by name
 * @param createdAt when it was queued
 * @param endedAt when it ended
 */
public record JobRecord(
        String id,
        String runId,
        String stage,
        String action,
        int attempt,
        AgentKind kind,
        List<String> labels,
        String spec,
        JobState state,
        Optional<String> agentId,
        String message,
        Map<String, String> outputs,
        Instant createdAt,
        Optional<Instant> endedAt) {

    public JobRecord {
        labels = List.copyOf(labels);
        outputs = Map.copyOf(outputs);
    }

    /** The same job ended with these outputs. */
    public JobRecord withOutputs(Map<String, String> newOutputs) {
        return new JobRecord(
                id,
                runId,
                stage,
                action,
                attempt,
                kind,
                labels,
                spec,
                state,
                agentId,
                message,
                newOutputs,
                createdAt,
                endedAt);
    }

    /** The same job in another state. */
    public JobRecord with(JobState newState, Optional<String> agent, String newMessage, Optional<Instant> ended) {
        return new JobRecord(
                id,
                runId,
                stage,
                action,
                attempt,
                kind,
                labels,
                spec,
                newState,
                agent,
                newMessage,
                outputs,
                createdAt,
                ended);
    }
}
