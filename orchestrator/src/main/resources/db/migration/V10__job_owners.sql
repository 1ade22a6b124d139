-- Kiln orchestrator state, version 10: the SHA-256 of the token a job's agent said hello with when it leased the
-- job, so that after a restart only that token may speak for the agent and its job.

alter table jobs add column agent_token varchar(64);
