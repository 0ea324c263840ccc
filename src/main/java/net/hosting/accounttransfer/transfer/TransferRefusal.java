package net.hosting.accounttransfer.transfer;

import net.hosting.accounttransfer.common.ReasonCode;

/** Why the transfer feature refuses an offer or a decision. */
public enum TransferRefusal implements ReasonCode {
    /** The recipient is the sender itself (T2). */
    OWN_EMAIL,
    /** The account's subscription is not active (T4). */
    SUBSCRIPTION_NOT_ACTIVE,
    /** An Idempotency-Key header that is empty or too long (API only). */
    IDEMPOTENCY_KEY_INVALID;

    @Override
    public String code() {
        return name();
    }
}
