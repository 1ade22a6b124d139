package dev.kiln.model.job;

/**
 * The orchestrator's answer to an {@link AgentHello}.
 *
 * @param heartbeatSeconds how often the agent must send a heartbeat; it loses its jobs after 30 s of silence
 * @param store where artifacts travel
 */
public record AgentWelcome(int heartbeatSeconds, StoreSettings store) {}
