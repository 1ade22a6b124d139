-- Kiln orchestrator state, version 3: each action's run order, for the stage graph (actions side by side).

alter table action_runs add column run_order integer not null default 1;
