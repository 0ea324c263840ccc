-- Issue 17 (PRODUCT.md D4, V6): every document keeps the seller's identity as it was at issue, as it keeps the
-- buyer's (B8), so a PDF first made after a change of the billing.seller settings still prints the issuer of record.
-- Documents issued before this change have none stored; their PDF prints the seller as the settings say when it is
-- first made, and is stored from then on.
alter table invoice
    add column seller_name          varchar(200),
    add column seller_legal_form    varchar(100),
    add column seller_share_capital varchar(100),
    add column seller_address       varchar(500),
    add column seller_country       varchar(2),
    add column seller_siren         varchar(20),
    add column seller_rcs           varchar(100),
    add column seller_vat_number    varchar(20);
