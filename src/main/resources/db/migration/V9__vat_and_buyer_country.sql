-- Issue 17 (PRODUCT.md V1-V3): a profile has a country and may carry a VAT number; every document carries its net,
-- VAT rate, VAT, total and VAT treatment, and the buyer's country, VAT number and language frozen at issue (B8).
alter table profile
    add column country    varchar(2)  not null default 'FR' check (country ~ '^[A-Z]{2}$'),
    add column vat_number varchar(20);

-- Documents issued before this change carried no VAT: they keep their amounts, as net = total, VAT 0 at rate 0,
-- with treatment NONE, which pages and PDFs show as "issued before VAT was charged". Their buyer's country is not
-- known; the language is the profile's at this migration.
alter table invoice
    add column net               numeric(12, 2),
    add column vat_rate          numeric(5, 2),
    add column vat               numeric(12, 2),
    add column vat_treatment     varchar(16),
    add column billed_country    varchar(2),
    add column billed_vat_number varchar(20),
    add column billed_language   varchar(2);

update invoice i
   set net = i.amount, vat_rate = 0, vat = 0, vat_treatment = 'NONE',
       billed_language = (select p.locale from profile p where p.id = i.profile_id);

alter table invoice
    alter column net set not null,
    alter column vat_rate set not null,
    alter column vat set not null,
    alter column vat_treatment set not null,
    alter column billed_language set not null,
    add check (net > 0),
    add check (vat >= 0),
    add check (vat_rate >= 0 and vat_rate < 100),
    add check (amount = net + vat),
    add check (vat_treatment in ('NONE', 'DOMESTIC', 'REVERSE_CHARGE', 'EU_CONSUMER', 'OUTSIDE_EU')),
    add check (billed_language in ('fr', 'en')),
    add check ((vat_treatment = 'NONE') = (billed_country is null));
