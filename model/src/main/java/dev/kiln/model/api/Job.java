package dev.kiln.model.api;

import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A job: one attempt of an action, handed to an agent.
 *
 * @param id its id
 * @param stage its stage
 * @param action its action
 * @param attempt which attempt of the action
 * @param kind the kind of agent that runs it
 * @param state where it stands
 * @param agent the agent that holds it, or null
 * @param message why it ended as it did
 * @param outputs its exported variables
 * @param createdAt when it was queued
 * @param endedAt when it ended, or null
 */
public record Job(
        String id,
        String stage,
        String action,
        int attempt,
        AgentKind kind,
        JobState state,
        @Nullable String agent,
        String message,
        Map<String, String> outputs,
        Instant createdAt,
        @Nullable Instant endedAt) {}
