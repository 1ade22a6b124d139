-- Kiln orchestrator state, version 11: the labels an agent token's agents may claim, one per line (null: any).

alter table api_tokens add column agent_labels varchar(4000);
