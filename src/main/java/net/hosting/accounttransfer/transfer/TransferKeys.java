package net.hosting.accounttransfer.transfer;

import java.util.UUID;

/**
 * The idempotency keys of a transfer's documents and mails, built here only, so that the steps and the tests that
 * check exactly-once (the fault suite) name the same rows.
 */
public final class TransferKeys {

    /** What every key of a transfer's side effects starts with, e.g. for {@code like 'transfer:%'}. */
    public static final String PREFIX = "transfer:";

    private TransferKeys() {
    }

    /** The recipient's invoice of an IMMEDIATE acceptance. */
    public static String recipientInvoice(UUID transferId) {
        return of(transferId, "recipient-invoice");
    }

    /** The sender's credit note for the unused days (B4). */
    public static String senderRefund(UUID transferId) {
        return of(transferId, "sender-refund");
    }

    /** The credit note of a previous holder who paid the current period (B9). */
    public static String previousPayerRefund(UUID transferId) {
        return of(transferId, "previous-payer-refund");
    }

    /** The recipient's invoice at the renewal date of an AT_RENEWAL acceptance. */
    public static String renewalInvoice(UUID transferId) {
        return of(transferId, "renewal-invoice");
    }

    /** The mail of {@code template} (its name under {@code templates/mail/}) to one party. */
    public static String mail(UUID transferId, String template, Party party) {
        return mail(transferId, template, party.audience());
    }

    /** The mail of {@code template} to the previous payer, who is neither party (B9). */
    public static String mailToPreviousPayer(UUID transferId, String template) {
        return mail(transferId, template, "payer");
    }

    static String mail(UUID transferId, String template, String audience) {
        return of(transferId, template + ":" + audience);
    }

    private static String of(UUID transferId, String what) {
        return PREFIX + transferId + ":" + what;
    }
}
