-- Kiln orchestrator state, version 2: environments (CodeDeploy's deployment groups) and their deployments.

create table environments (
    name        varchar(100) primary key,
    id          varchar(40)  not null unique,
    settings    varchar      not null,
    private_key varchar      not null,
    created_at  timestamptz  not null
);

create table deployments (
    id             varchar(40)  primary key,
    environment    varchar(100) not null,
    application    varchar(100) not null default '',
    run_id         varchar(40)  not null default '',
    job_id         varchar(40)  not null,
    revision_key   varchar      not null,
    commit_id      varchar(64)  not null default '',
    creator        varchar(20)  not null,
    status         varchar(20)  not null,
    error_code     varchar(60)  not null default '',
    message        varchar      not null default '',
    rollback_of    varchar(40)  not null default '',
    rolled_back_by varchar(40)  not null default '',
    redeploy_of    varchar(40)  not null default '',
    report         varchar      not null default '',
    created_at     timestamptz  not null,
    ended_at       timestamptz
);
create index deployments_environment on deployments (environment, created_at desc);

-- Rollbacks run as jobs of no run: a job's run may be empty.
alter table jobs drop constraint jobs_run_id_fkey;
