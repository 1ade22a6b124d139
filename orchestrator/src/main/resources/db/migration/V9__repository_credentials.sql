-- Kiln orchestrator state, version 9: what a private repository is read with (a user name and a token), sealed with
-- the server's secret key like environments' keys; null for a repository anyone may read.

alter table repositories add column credentials varchar(8000);
