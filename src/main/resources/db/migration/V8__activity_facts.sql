-- Issue 12: an activity entry stores facts (its action and structured fields) and is rendered in the reader's
-- language; until now each entry stored an English sentence in "detail".
alter table activity rename column detail to legacy_detail;
alter table activity
    add column transfer_id  uuid,
    add column counterpart  varchar(254),
    add column billing_mode varchar(20),
    add column field        varchar(20),
    add column old_value    varchar(1000),
    add column new_value    varchar(1000),
    add column note         varchar(1000);

-- Read the sentences this service wrote back into facts. A sentence none of these patterns matches keeps its
-- legacy_detail and is shown as it was written.
create temporary table activity_read (id bigint primary key, action varchar(60), transfer_id uuid,
    counterpart varchar(254), billing_mode varchar(20), field varchar(20), old_value varchar(1000),
    new_value varchar(1000), note varchar(1000));

insert into activity_read (id, action, transfer_id, counterpart, billing_mode)
select id, action, m[3]::uuid, m[1], m[2]
from (select id, action, regexp_match(legacy_detail,
        '^to (\S+), billed (IMMEDIATE|AT_RENEWAL) \(transfer ([0-9a-f-]{36})\)$') m
      from activity where action = 'TRANSFER_STARTED') s
where m is not null;

insert into activity_read (id, action, transfer_id, counterpart)
select id, action, m[2]::uuid, m[1]
from (select id, action, regexp_match(legacy_detail, '^(?:to|from) (\S+) \(transfer ([0-9a-f-]{36})\)$') m
      from activity where action in ('TRANSFER_ACCEPTED', 'ACCOUNT_HANDED_OVER', 'ACCOUNT_RECEIVED')) s
where m is not null;

insert into activity_read (id, action, transfer_id, counterpart)
select id, case when m[2] = 'cancelled by staff' then 'TRANSFER_CANCELLED_BY_STAFF' else action end, m[3]::uuid,
       case when m[2] = 'cancelled by staff' then null else m[1] end
from (select id, action, regexp_match(legacy_detail,
        '^offer to (\S+) (withdrawn|expired|cancelled by staff) \(transfer ([0-9a-f-]{36})\)$') m
      from activity where action in ('TRANSFER_CANCELLED', 'TRANSFER_EXPIRED')) s
where m is not null;

insert into activity_read (id, action, transfer_id, note)
select id, action, m[1]::uuid, m[3]
from (select id, action, regexp_match(legacy_detail, '^transfer ([0-9a-f-]{36})(: (.*))?$') m
      from activity where action = 'TRANSFER_DECLINED') s
where m is not null;

insert into activity_read (id, action, field, old_value, new_value)
select id, action, coalesce(m[1], legacy_detail), m[2], m[3]
from (select id, action, legacy_detail,
             regexp_match(legacy_detail, '^(email|name|company|address|locale): (.*) → (.*)$') m
      from activity where action = 'PROFILE_CHANGED') s
where m is not null or legacy_detail = 'password';

insert into activity_read (id, action, new_value)
select id, action, m[1]
from (select id, action, regexp_match(legacy_detail, '^to (\S+)$') m
      from activity where action = 'EMAIL_CHANGE_REQUESTED') s
where m is not null;

-- a ticket's subject and a token's name were the customer's own words, never a sentence
insert into activity_read (id, action, note)
select id, action, legacy_detail from activity
where action in ('TICKET_OPENED', 'API_TOKEN_CREATED', 'API_TOKEN_REVOKED') and legacy_detail is not null;

update activity a
set action = r.action, transfer_id = r.transfer_id, counterpart = r.counterpart, billing_mode = r.billing_mode,
    field = r.field, old_value = r.old_value, new_value = r.new_value, note = r.note, legacy_detail = null
from activity_read r
where a.id = r.id;

drop table activity_read;

-- The demo data's yearly plan carried its period in English ("Cloud M (yearly)"), which the French pages showed
-- as it was. A plan is its product name; its period is a fact of its own (cycle), rendered in the reader's language.
update subscription set plan = 'Cloud M' where plan = 'Cloud M (yearly)';
