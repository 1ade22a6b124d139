-- Kiln orchestrator state, version 1. Migrations are applied in order at start; never edit a released one.

create table repositories (
    name                  varchar(100) primary key,
    url                   varchar         not null,
    branch                varchar(255),
    webhook_secret        varchar,
    poll_interval_seconds integer      not null,
    heads                 varchar         not null default '{}',
    created_at            timestamptz  not null
);

create table runs (
    id              varchar(40)  primary key,
    seq             bigint       not null unique,
    pipeline        varchar(100) not null,
    repository      varchar(100) not null,
    trigger_type    varchar(40)  not null,
    ref             varchar(255),
    revision        varchar(64)  not null,
    pipeline_file   varchar,
    status          varchar(20)  not null,
    message         varchar         not null default '',
    stage_index     integer      not null,
    waiting         boolean      not null,
    stop_requested  boolean      not null,
    abandon         boolean      not null,
    start_time      timestamptz  not null,
    end_time        timestamptz
);
create index runs_pipeline_seq on runs (pipeline, seq desc);
create index runs_active on runs (status) where status in ('InProgress', 'Stopping');

create table stage_runs (
    id        varchar(160) primary key,
    run_id    varchar(40)  not null references runs (id),
    position  integer      not null,
    name      varchar(100) not null,
    status    varchar(20)
);
create index stage_runs_run on stage_runs (run_id);

create table action_runs (
    id             varchar(260) primary key,
    run_id         varchar(40)  not null references runs (id),
    stage_position integer      not null,
    position       integer      not null,
    name           varchar(100) not null,
    type           varchar(20)  not null,
    status         varchar(20),
    message        varchar         not null default '',
    attempt        integer      not null,
    deadline       timestamptz
);
create index action_runs_run on action_runs (run_id);

create table status_changes (
    id      bigserial    primary key,
    run_id  varchar(40)  not null references runs (id),
    stage   varchar(100),
    action  varchar(100),
    status  varchar(20)  not null,
    message varchar         not null default '',
    time    timestamptz  not null
);
create index status_changes_run on status_changes (run_id, id);

create table stage_entries (
    id               varchar(210) primary key,
    pipeline         varchar(100) not null,
    stage            varchar(100) not null,
    last_entered_run varchar(40)  not null
);

create table jobs (
    id          varchar(40)  primary key,
    run_id      varchar(40)  not null references runs (id),
    stage       varchar(100) not null,
    action      varchar(100) not null,
    attempt     integer      not null,
    kind        varchar(20)  not null,
    labels      varchar         not null default '',
    spec        varchar         not null,
    state       varchar(20)  not null,
    agent_id    varchar(80),
    message     varchar         not null default '',
    outputs     varchar      not null default '{}',
    log_object  varchar,
    created_at  timestamptz  not null,
    leased_at   timestamptz,
    ended_at    timestamptz
);
create index jobs_open on jobs (state) where state in ('Queued', 'Leased', 'Running');
create index jobs_run on jobs (run_id);

create table log_chunks (
    id         varchar(80)  primary key,
    job_id     varchar(40)  not null references jobs (id),
    first_line bigint       not null,
    line_count integer      not null,
    text       varchar      not null
);
create index log_chunks_job on log_chunks (job_id, first_line);

create table api_tokens (
    id         varchar(40)  primary key,
    name       varchar(100) not null,
    token_hash varchar(64)  not null unique,
    created_at timestamptz  not null
);
