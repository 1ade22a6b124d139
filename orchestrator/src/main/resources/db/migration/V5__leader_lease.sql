-- Kiln orchestrator state, version 5: the leader lease. Several orchestrators may share one database; the one
-- holding the lease schedules, triggers and serves; the others wait on standby and take it over once it expires.

create table leader_lease (
    name       varchar(40)  primary key,
    holder     varchar(200) not null,
    epoch      bigint       not null,
    expires_at timestamptz  not null
);
