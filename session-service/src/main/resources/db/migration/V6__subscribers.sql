-- The SMS side of accounts. A handset subscriber is an account that is also a phone number (one number per account,
-- one account per number): its handset logs in by texting the short code. A content provider (ICP) account may text
-- any number. Nobody else may: the gateway is never an open relay.
create table subscriber (
    username   varchar(1023) primary key references account (username) on delete cascade,
    msisdn     varchar(16)   not null unique,
    created_at timestamp with time zone not null
);

create table sms_sender (
    username   varchar(1023) primary key references account (username) on delete cascade,
    enabled_at timestamp with time zone not null
);
