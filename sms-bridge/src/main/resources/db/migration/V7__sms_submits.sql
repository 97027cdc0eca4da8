-- The SMS bridge's durable correlation: each SMS it submitted (who asked, for which stanza) and the SMSC's id of each
-- of its segments, so that a submit result and the delivery receipts of every segment find the XMPP sender again,
-- after any restart.
create table sms_submit (
    submit_id         varchar(64)   primary key,
    handset           varchar(16)   not null,
    requester         varchar(3071) not null,
    stanza_id         varchar(1023),
    receipt_requested boolean       not null,
    segments          integer,
    state             varchar(16)   not null,
    created_at        timestamp with time zone not null
);

create table sms_segment (
    link_id    varchar(64)  not null,
    message_id varchar(128) not null,
    submit_id  varchar(64)  not null references sms_submit (submit_id) on delete cascade,
    state      varchar(16)  not null,
    primary key (link_id, message_id)
);

create index sms_segment_by_submit on sms_segment (submit_id);

-- A receipt can reach the bridge before the submit result that names its segment's id (the connector publishes the
-- result once the last segment is accepted): it waits here until then, and is purged after a day if no result of
-- this bridge's ever names it.
create table sms_held_receipt (
    link_id     varchar(64)  not null,
    message_id  varchar(128) not null,
    delivered   boolean      not null,
    received_at timestamp with time zone not null,
    primary key (link_id, message_id)
);
