package net.hosting.accounttransfer.transfer;

/** When the recipient starts paying (PRODUCT.md T5). */
public enum BillingMode {
    /** Billed on acceptance ("dès acceptation"); the sender is refunded prorata. */
    IMMEDIATE,
    /** Billed at the old renewal date ("à échéance"); nothing is refunded. */
    AT_RENEWAL
}
