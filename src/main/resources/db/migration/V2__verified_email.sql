-- S4: the offers a sender started in the last 24 hours are counted on every start
create index transfer_sender_created_idx on transfer (sender_id, created_at);
