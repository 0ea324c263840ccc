package net.hosting.accounttransfer.transfer;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.notification.Mailer;
import net.hosting.accounttransfer.notification.OutgoingMail;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The mails of T12, one method per outcome. Each goes out once per transfer, reader and outcome, in the
 * reader's language (French for a recipient who has no profile yet). Every method runs in its caller's (the
 * step's) transaction, reads what its mails say once, and sends one mail per party named, so a step holds one
 * connection and the mails' keys commit with it (and are kept by {@link Mailer} if it rolls back after a send).
 */
@Service
public class TransferMails {

    private static final String RECIPIENT = Party.RECIPIENT.audience();

    private final TransferRepository transfers;
    private final TransferLocks locks;
    private final ProfileRepository profiles;
    private final TransferBilling billing;
    private final AcceptLinks links;
    private final Mailer mailer;

    TransferMails(TransferRepository transfers, TransferLocks locks, ProfileRepository profiles,
            TransferBilling billing, AcceptLinks links, Mailer mailer) {
        this.transfers = transfers;
        this.locks = locks;
        this.profiles = profiles;
        this.billing = billing;
        this.links = links;
        this.mailer = mailer;
    }

    /**
     * The offer, with a fresh accept link and what accepting today would cost. A transfer decided before its
     * offer went out (accepted from the Transfers tab, or withdrawn at once) needs no offer any more.
     */
    @Transactional
    public void offer(UUID transferId) {
        sendWithAcceptLink(transferId, "offer");
    }

    /**
     * Only while the offer stands: the reminder's branch of the process outlives the user task, so its job can
     * run after the recipient decided or the offer expired, and must then send nothing.
     */
    @Transactional
    public void reminder(UUID transferId) {
        sendWithAcceptLink(transferId, "reminder");
    }

    /** Withdrawn: the recipient is told (T12), even when the withdrawal came before the offer went out. */
    @Transactional
    public void cancelled(UUID transferId) {
        Readers readers = readersOf(transferId);
        send(readers, "cancelled", List.of(Party.RECIPIENT), model(readers));
    }

    /**
     * Staff stopped the pending transfer's process in Cockpit: the sender learns the account stays theirs, the
     * recipient that the offer is gone.
     */
    @Transactional
    public void stopped(UUID transferId, List<Party> parties) {
        Readers readers = readersOf(transferId);
        send(readers, "stopped", parties, model(readers));
    }

    @Transactional
    public void declined(UUID transferId) {
        Readers readers = readersOf(transferId);
        Map<String, Object> model = model(readers);
        model.put("declineReason", readers.transfer().declineReason());
        send(readers, "declined", List.of(Party.SENDER), model);
    }

    @Transactional
    public void expired(UUID transferId, List<Party> parties) {
        Readers readers = readersOf(transferId);
        send(readers, "expired", parties, model(readers));
    }

    /** AT_RENEWAL, on acceptance: ownership has moved, billing waits for the renewal date. */
    @Transactional
    public void acceptedAtRenewal(UUID transferId, List<Party> parties) {
        Readers readers = readersOf(transferId);
        send(readers, "accepted-at-renewal", parties, withCharge(readers));
    }

    /** IMMEDIATE: the recipient's invoice and the sender's refund, once both are issued; read once for both. */
    @Transactional
    public void completed(UUID transferId, List<Party> parties) {
        Readers readers = readersOf(transferId);
        Map<String, Object> model = model(readers);
        TransferBilling.Settled settled = billing.settled(readers.transfer());
        // a free plan issues no invoice; the mail then says only that the account changed hands
        settled.recipientInvoice().ifPresent(invoice -> putInvoice(model, invoice));
        model.putIfAbsent("invoiceNumber", null);
        model.put("refund", settled.senderRefund().map(Invoice::amounts).orElse(null));
        model.put("creditNoteNumber", settled.senderRefund().map(Invoice::number).orElse(null));
        model.put("previousPayerRefunded", settled.previousPayerRefund().isPresent());
        send(readers, "completed", parties, model);
    }

    /**
     * B9: the previous holder who paid the current period, no party to this transfer, learns which of its days
     * were refunded and by which credit note. Nothing when the unused days went to the sender or nothing was left.
     */
    @Transactional
    public void previousPayerRefunded(UUID transferId) {
        Transfer transfer = find(transferId);
        Optional<Invoice> refund = billing.issued(TransferBilling.previousPayerRefundKey(transfer));
        if (refund.isEmpty()) {
            return;
        }
        Invoice creditNote = refund.get();
        Profile payer = profiles.findById(creditNote.profileId())
                .orElseThrow(Missing.of(transfer.id(), "payer of record, profile", creditNote.profileId()));
        // not model(transfer): the payer of record may never have dealt with this transfer's parties, so no identity
        Map<String, Object> model = new HashMap<>();
        model.put("transferId", transfer.id().toString());
        model.put("accountName", transfer.accountName());
        model.put("creditNoteNumber", creditNote.number());
        model.put("refund", creditNote.amounts());
        model.put("periodStart", creditNote.servicePeriod().start());
        model.put("lastDay", creditNote.servicePeriod().lastDay());
        model.put("days", creditNote.servicePeriod().days());
        String template = "previous-payer-refunded";
        mailer.send(new OutgoingMail(TransferKeys.mailToPreviousPayer(transfer.id(), template), payer.email(),
                payer.locale().toJavaLocale(), template, model));
    }

    @Transactional
    public void billedAtRenewal(UUID transferId) {
        Readers readers = readersOf(transferId);
        Map<String, Object> model = model(readers);
        billing.issued(TransferBilling.renewalInvoiceKey(readers.transfer()))
                .ifPresent(invoice -> putInvoice(model, invoice));
        model.putIfAbsent("invoiceNumber", null);
        send(readers, "billed-at-renewal", List.of(Party.RECIPIENT), model);
    }

    /**
     * The token's hash is written in this transaction before the mail is handed to SMTP, and the transfer's row
     * stays locked until it commits: the accept page waits for that lock, so a link that arrives is never
     * turned away for being early. If the step rolls back after SMTP took the mail, the retry mails a fresh link.
     */
    private void sendWithAcceptLink(UUID transferId, String template) {
        // under the row lock, a decision arriving meanwhile waits for this mail's step to commit, and then finds
        // the process where this step left it; one arriving first is seen here, and the mail is not sent
        Transfer transfer = locks.lock(transferId).orElseThrow(() -> new IllegalStateException(
                "transfer " + transferId + " does not exist, so its " + template + " cannot be mailed"));
        // the link works only while the transfer is pending (T13): after a decision it would be dead on arrival
        if (!transfer.isPending() || mailer.alreadySent(key(transfer, template, RECIPIENT))) {
            return;
        }
        Readers readers = new Readers(transfer, senderOf(transfer));
        Map<String, Object> model = withCharge(readers);
        model.put("link", links.issue(transferId));
        Optional<Profile> recipient = recipientOf(transfer);
        // the token rolls back with this step, and the mail's link with it: its key must too, for a fresh link
        mailer.sendVoidedByRollback(mail(readers, recipient, template, Party.RECIPIENT, model));
    }

    private Map<String, Object> withCharge(Readers readers) {
        Map<String, Object> model = model(readers);
        Transfer transfer = readers.transfer();
        TransferBilling.Charge charge = billing.charge(transfer, billing.acceptanceDate(transfer));
        model.put("charge", charge.recipientCharge());
        model.put("chargeDate", charge.chargeDate());
        return model;
    }

    private static void putInvoice(Map<String, Object> model, Invoice invoice) {
        model.put("invoiceNumber", invoice.number());
        model.put("charge", invoice.amounts());
        model.put("periodStart", invoice.servicePeriod().start());
        model.put("lastDay", invoice.servicePeriod().lastDay());
    }

    private Map<String, Object> model(Readers readers) {
        Transfer transfer = readers.transfer();
        Map<String, Object> model = new HashMap<>();
        model.put("transferId", transfer.id().toString());
        model.put("accountName", transfer.accountName());
        model.put("senderName", readers.sender().name());
        model.put("senderEmail", readers.sender().email());
        model.put("recipientEmail", transfer.recipientEmail());
        model.put("billingMode", transfer.billingMode().name());
        model.put("expiresAt", transfer.expiresAt());
        model.put("link", links.plain(transfer.id()));
        return model;
    }

    /** One mail per party, in the order given, each in its reader's language. */
    private void send(Readers readers, String template, List<Party> parties, Map<String, Object> model) {
        Optional<Profile> recipient = parties.contains(Party.RECIPIENT) ? recipientOf(readers.transfer())
                : Optional.empty();
        for (Party party : parties) {
            mailer.send(mail(readers, recipient, template, party, model));
        }
    }

    private static OutgoingMail mail(Readers readers, Optional<Profile> recipient, String template, Party party,
            Map<String, Object> model) {
        Transfer transfer = readers.transfer();
        Map<String, Object> personal = new HashMap<>(model);
        personal.put("audience", party.audience());
        if (party == Party.SENDER) {
            return new OutgoingMail(key(transfer, template, party.audience()), readers.sender().email(),
                    readers.sender().locale().toJavaLocale(), template, personal);
        }
        return new OutgoingMail(key(transfer, template, party.audience()), transfer.recipientEmail(),
                recipient.map(Profile::locale).orElse(Profile.Language.FR).toJavaLocale(), template, personal);
    }

    /** The recipient's profile, for its language: none for an address that has no profile yet. */
    private Optional<Profile> recipientOf(Transfer transfer) {
        return transfer.recipientId() != null ? profiles.findById(transfer.recipientId())
                : profiles.findByEmail(transfer.recipientEmail());
    }

    private static String key(Transfer transfer, String template, String audience) {
        return TransferKeys.mail(transfer.id(), template, audience);
    }

    private Transfer find(UUID transferId) {
        return transfers.findById(transferId)
                .orElseThrow(() -> new IllegalStateException("transfer " + transferId + " does not exist"));
    }

    /** The transfer and its sender's profile, read once per step for the model and the sender's mail. */
    private Readers readersOf(UUID transferId) {
        Transfer transfer = find(transferId);
        return new Readers(transfer, senderOf(transfer));
    }

    private Profile senderOf(Transfer transfer) {
        return profiles.findById(transfer.senderId())
                .orElseThrow(Missing.of(transfer.id(), "sender profile", transfer.senderId()));
    }

    private record Readers(Transfer transfer, Profile sender) {
    }
}
