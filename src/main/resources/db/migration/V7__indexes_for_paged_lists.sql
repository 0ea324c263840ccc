-- Issue 12: every list a customer pages through (?page=&size=, newest first) is
--   where <owner> = ? order by <time> desc, id desc limit size + 1 offset page * size
-- and reads one index in that very order, stopping after the page, instead of sorting all the owner's rows.
-- Each new index starts with the owner column, so it also serves every lookup the index on that column alone
-- served, and replaces it rather than doubling the cost of every insert.

-- GET /api/invoices and the history page
drop index invoice_profile_idx;
create index invoice_profile_list_idx on invoice (profile_id, issued_at desc, id desc);

-- GET /api/activity and the history page (V1's index had no id, so equal instants were sorted after reading)
drop index activity_profile_idx;
create index activity_profile_list_idx on activity (profile_id, occurred_at desc, id desc);

-- GET /api/tickets and the history page
drop index ticket_profile_idx;
create index ticket_profile_list_idx on ticket (profile_id, created_at desc, id desc);

-- GET /api/transfers?role=sent and the Transfers tab; read backwards, it also counts the offers a sender
-- started in the last 24 hours (S4), which V2's transfer_sender_created_idx served
drop index transfer_sender_idx;
drop index transfer_sender_created_idx;
create index transfer_sender_list_idx on transfer (sender_id, created_at desc, id desc);

-- GET /api/transfers?role=received needs no new index: its "recipient email or recipient profile" is an "or",
-- which PostgreSQL answers from V1's transfer_recipient_email_idx and V6's transfer_recipient_idx together
-- and then sorts; what it sorts is only the transfers offered to this one profile, and it keeps only a page.
