-- Kiln orchestrator state, version 7: what an admin allows a repository's pipelines beyond the default, such as
-- privileged builds (wire names, comma-separated; empty allows nothing more).

alter table repositories add column allowed varchar(200) not null default '';
