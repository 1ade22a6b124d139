package dev.kiln.model.job;

/**
 * The orchestrator's answer to an {@link AgentHello}. It carries no object store credentials: a job reads and writes
 * objects by URLs the orchestrator signs for that job's own keys ({@link ObjectGrant}).
 *
 * @param heartbeatSeconds how often the agent must send a heartbeat; it loses its jobs after 30 s of silence
 */
public record AgentWelcome(int heartbeatSeconds) {}
