-- S3: failed guesses (sign-ins, accept-link tokens) per client address and per email from an address, shared by
-- every node. One row per counter; its window starts at the first failure and a failure after it starts anew.
create table guess_counter (
    counter_key  text        primary key,
    window_start timestamptz not null,
    failures     integer     not null check (failures > 0)
);
-- pruning deletes by window
create index guess_counter_window on guess_counter (window_start);
