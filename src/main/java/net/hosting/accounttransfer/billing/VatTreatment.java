package net.hosting.accounttransfer.billing;

/** How VAT applies to a document, decided at issue from the buyer's snapshot and the seller's country (PRODUCT.md V2). */
public enum VatTreatment {
    /** Issued before this service charged VAT: the amount was recorded as it stood, with no VAT on it. */
    NONE,
    /** The buyer is in the seller's country: that country's standard rate. */
    DOMESTIC,
    /** A business in another member state, with a VAT number: the buyer accounts for the VAT. */
    REVERSE_CHARGE,
    /** A consumer in another member state: the buyer's country's standard rate (one-stop shop). */
    EU_CONSUMER,
    /** A buyer outside the EU: no French VAT, the place of supply is abroad. */
    OUTSIDE_EU
}
