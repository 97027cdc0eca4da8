-- Accounts and their SCRAM credentials. Passwords are never stored: only what SCRAM needs (RFC 5802 §3).
create table account (
    username   varchar(1023) primary key,
    created_at timestamp with time zone not null
);

create table scram_credential (
    username   varchar(1023) not null references account (username) on delete cascade,
    mechanism  varchar(32)   not null,
    salt       varchar(64)   not null,
    iterations integer       not null,
    stored_key varchar(128)  not null,
    server_key varchar(128)  not null,
    primary key (username, mechanism)
);
