package dev.kiln.model.job;

/**
 * The orchestrator's answer to an {@link AgentHello}. It carries no object store credentials: a job reads and writes
 * objects by URLs the orchestrator signs for that job's own keys ({@link ObjectGrant}).
 *
 * @param heartbeatSeconds how often the agent must send a heartbeat; it loses its jobs after 30 s of silence
 * @param maxLogBytes how much of a job's log is kept (UTF-8 bytes, line ends counted): the agent drops the lines past
 *     it and ends the log with one line that counts them; 0 from an orchestrator that sets no cap
 */
public record AgentWelcome(int heartbeatSeconds, long maxLogBytes) {}
