-- The bridge's per-handset state, one row per number it has texted or heard from. The row is also the handset's
-- lock: whoever changes the handset's outbox (a stanza for it, a receipt from it, a timer) locks the row first, so
-- that several instances share handsets without a global lock.
create table sms_handset (
    msisdn       varchar(16) primary key,
    notify       boolean     not null default false,
    session_id   varchar(64),                        -- the pseudo client's directory session while logged in
    session_jid  varchar(3071),                      -- and its full JID
    logged_in_at timestamp with time zone,
    last_active  timestamp with time zone,
    numbers_used bigint      not null default 0      -- virtual numbers handed out so far: the cyclic allocator
);

create index sms_handset_by_session on sms_handset (session_id);

-- Virtual numbers: per handset, the number it sees a remote party as (and replies to). Unique per handset, not
-- globally; never two parties on one number for one handset. The least recently used one is reused when the range
-- wraps.
create table sms_virtual_number (
    msisdn    varchar(16)   not null references sms_handset (msisdn) on delete cascade,
    number    varchar(32)   not null,
    jid       varchar(2047) not null,
    last_used timestamp with time zone not null,
    primary key (msisdn, number)
);

create unique index sms_virtual_number_by_jid on sms_virtual_number (msisdn, jid);

-- Mobile-originated SMS already handled: an SMSC that delivers one again (its deliver_sm was not answered in time)
-- does not make it a second message. Purged after a week.
create table sms_mo_seen (
    mo_id       varchar(128) primary key,
    received_at timestamp with time zone not null
);

-- When a handset that asked for it was last texted that a contact came online (at most once per notify interval).
create table sms_presence_notice (
    msisdn      varchar(16)   not null references sms_handset (msisdn) on delete cascade,
    jid         varchar(2047) not null,
    notified_at timestamp with time zone not null,
    primary key (msisdn, jid)
);

-- The per-handset outbox: an SMS waits (WAITING, with its request) until the handset's window has room, is then
-- released to its link (QUEUED), and leaves the window with its final receipt or after the receipt timeout. One
-- that expires while waiting becomes EXPIRED and is never submitted.
alter table sms_submit add column recipient varchar(3071);
alter table sms_submit add column request text;
alter table sms_submit add column seq bigint;
alter table sms_submit add column released_at timestamp with time zone;

create sequence sms_outbox_seq;
create index sms_submit_by_handset on sms_submit (handset, state, seq);
alter table sms_submit add column expires_at timestamp with time zone;
