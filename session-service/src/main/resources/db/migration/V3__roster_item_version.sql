-- Optimistic locking: a user's and a contact's subscription stanzas may change one row in two transactions at once.
alter table roster_item add column version bigint default 0 not null;
