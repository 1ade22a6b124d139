-- Kiln orchestrator state, version 4: users with roles, and tokens that speak for a role (and a user's session).

create table users (
    name          varchar(100) primary key,
    password_hash varchar      not null,
    role          varchar(20)  not null,
    created_at    timestamptz  not null
);

-- tokens made before roles could do everything: they stay admin tokens
alter table api_tokens add column role varchar(20) not null default 'admin';
alter table api_tokens add column user_name varchar(100);
alter table api_tokens add column expires_at timestamptz;
create index api_tokens_user on api_tokens (user_name);
