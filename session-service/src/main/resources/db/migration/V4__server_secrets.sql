-- Secrets the service makes for itself once and must keep across restarts and share between instances: the key
-- behind the decoy SASL credentials of accounts that do not exist (a per-process key would tell them apart).
create table server_secret (
    name   varchar(64)  primary key,
    secret varchar(255) not null
);
