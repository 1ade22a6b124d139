-- Kiln orchestrator state, version 6: an agent token is bound to the agents it may speak for. agent_kind is build or
-- deploy (null for agent tokens made before this version: any kind); agent_environments lists, one per line, the
-- environments a deploy token's agents may deploy to (null: every environment).

alter table api_tokens add column agent_kind varchar(20);
alter table api_tokens add column agent_environments varchar(4000);
