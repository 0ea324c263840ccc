package net.hosting.accounttransfer.transfer.web;

import java.time.Instant;
import java.util.UUID;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.Transfer;
import net.hosting.accounttransfer.transfer.TransferBilling;
import net.hosting.accounttransfer.transfer.TransferStatus;

/**
 * A transfer as its pages show it: the parties by name and email, and the cost (the billing preview while
 * pending, the amounts actually issued once billed; null when it ended without acceptance).
 */
record TransferView(UUID id, String account, String senderName, String senderEmail, String recipient,
        BillingMode billingMode, TransferStatus status, Instant createdAt, Instant expiresAt, Instant decidedAt,
        Instant completedAt, String declineReason, TransferBilling.Preview cost) {

    static TransferView of(Transfer transfer, String senderName, String senderEmail, TransferBilling.Preview cost) {
        return new TransferView(transfer.id(), transfer.accountName(), senderName, senderEmail,
                transfer.recipientEmail(), transfer.billingMode(), transfer.status(), transfer.createdAt(),
                transfer.expiresAt(), transfer.decidedAt(), transfer.completedAt(), transfer.declineReason(), cost);
    }

    public boolean pending() {
        return status == TransferStatus.PENDING;
    }

    public boolean immediate() {
        return billingMode == BillingMode.IMMEDIATE;
    }

    /** Whether the figures are the documents actually issued rather than a preview as if accepted today. */
    public boolean billed() {
        return status == TransferStatus.COMPLETED;
    }

    public boolean refunds() {
        return cost != null && cost.senderRefund().isPresent();
    }

    /** B9: the unused days go back to a previous holder who paid the current period, not to the sender. */
    public boolean refundsPreviousPayer() {
        return cost != null && cost.previousPayerRefund().isPresent();
    }
}
