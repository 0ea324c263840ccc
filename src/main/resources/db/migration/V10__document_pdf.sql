-- Issue 17 (PRODUCT.md D4): the PDF of each invoice and credit note, stored the first time it is made and served as
-- stored from then on. One row per document: when two nodes make it at once, the second insert does nothing and
-- both serve the first one's bytes.
create table document_pdf (
    invoice_id bigint      primary key references invoice (id),
    sha256     varchar(64) not null check (sha256 ~ '^[0-9a-f]{64}$'),
    content    bytea       not null,
    made_at    timestamptz not null
);
