-- Indexes for queries the benchmark found reading whole tables (README "Performance").

-- every refund and every billing preview sums the credits already issued against an invoice (Ledger.creditableOn)
create index invoice_credited_invoice_idx on invoice (credited_invoice_id) where credited_invoice_id is not null;

-- received transfers are found by recipient email or by recipient profile; without this the "or" reads the table
create index transfer_recipient_idx on transfer (recipient_id) where recipient_id is not null;
