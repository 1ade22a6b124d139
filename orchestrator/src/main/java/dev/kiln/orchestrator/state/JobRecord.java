package dev.kiln.orchestrator.state;

import dev.kiln.model.api.AgentKind;
import dev.kiln.model.api.JobState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

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
 * @param owner the SHA-256 of the token its agent said hello with when it leased it: after a restart the agent is
 *     spoken for with that token only
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
        Optional<String> owner,
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
                owner,
                message,
                newOutputs,
                createdAt,
                endedAt);
    }

    /** The same job given to agents as {@code newSpec} (the JSON of its {@code JobSpec}). */
    public JobRecord withSpec(String newSpec) {
        return new JobRecord(
                id, runId, stage, action, attempt, kind, labels, newSpec, state, agentId, owner, message, outputs,
                createdAt, endedAt);
    }

    /** The same job in another state; it keeps its owner while it stays with the same agent. */
    public JobRecord with(JobState newState, Optional<String> agent, String newMessage, Optional<Instant> ended) {
        return with(newState, agent, agent.equals(agentId) ? owner : Optional.empty(), newMessage, ended);
    }

    /** The same job leased to an agent, which said hello with the token whose SHA-256 is {@code tokenHash}. */
    public JobRecord leased(String agent, @Nullable String tokenHash) {
        return with(JobState.LEASED, Optional.of(agent), Optional.ofNullable(tokenHash), "", Optional.empty());
    }

    private JobRecord with(
            JobState newState,
            Optional<String> agent,
            Optional<String> newOwner,
            String newMessage,
            Optional<Instant> ended) {
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
                newOwner,
                newMessage,
                outputs,
                createdAt,
                ended);
    }
}
