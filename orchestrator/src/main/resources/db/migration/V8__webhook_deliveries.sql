-- Kiln orchestrator state, version 8: the webhook deliveries received, by repository, so that one is run once: each
-- is kept under its forge's delivery id and under its body's SHA-256 (a replay with another id has the same body).
-- Kept 30 days.

create table webhook_deliveries (
    repository   varchar(200) not null,
    delivery_key varchar(300) not null,
    received_at  timestamp with time zone not null,
    primary key (repository, delivery_key)
);

create index webhook_deliveries_received on webhook_deliveries (received_at);
