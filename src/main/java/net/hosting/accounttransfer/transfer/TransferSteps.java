package net.hosting.accounttransfer.transfer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The steps the process runs, each idempotent: it checks its own record before acting, so a retried or
 * repeated job changes nothing the second time.
 */
@Service
public class TransferSteps {

    private final TransferRepository transfers;
    private final TransferLocks locks;
    private final AccountRepository accounts;
    private final SubscriptionRepository subscriptions;
    private final TransferBilling billing;
    private final TransferActivity activity;
    private final BillingCalendar calendar;

    TransferSteps(TransferRepository transfers, TransferLocks locks, AccountRepository accounts, SubscriptionRepository subscriptions,
            TransferBilling billing, TransferActivity activity, BillingCalendar calendar) {
        this.transfers = transfers;
        this.locks = locks;
        this.accounts = accounts;
        this.subscriptions = subscriptions;
        this.billing = billing;
        this.activity = activity;
        this.calendar = calendar;
    }

    /** T9: closes the sender's subscription, opens the recipient's and moves the account, all in this transaction. */
    @Transactional
    public Transfer transferOwnership(UUID transferId) {
        Transfer transfer = lock(transferId);
        if (transfer.ownershipHasMoved()) {
            return transfer;
        }
        // the decision gateway's default flow leads here: only a transfer the recipient accepted moves
        transfer.requireAccepted();
        Account account = accounts.lockById(transfer.accountId())
                .orElseThrow(Missing.of(transfer.id(), "account", transfer.accountId()));
        Subscription current = subscriptions.lockById(transfer.senderSubscriptionId()).orElseThrow(
                Missing.of(transfer.id(), "sender subscription", transfer.senderSubscriptionId()));
        if (!current.isActive()) {
            throw new RuleViolationException(TransferRefusal.SUBSCRIPTION_NOT_ACTIVE, null,
                    "The subscription of " + transfer.accountName()
                    + " is no longer active, so the account cannot be handed over.");
        }
        Instant acceptedAt = transfer.decidedAt();
        LocalDate acceptedOn = calendar.dateOf(acceptedAt);
        TransferBilling.Charge charge = billing.charge(transfer, acceptedOn);
        // IMMEDIATE starts a fresh cycle anchored on d; AT_RENEWAL keeps the old anchor and renewal date
        LocalDate anchor = transfer.billingMode() == BillingMode.IMMEDIATE ? acceptedOn : current.anchorDate();
        Subscription successor = current.handOver(transfer.recipientId(), acceptedAt, anchor, charge.recipientPeriod());
        // the closed row must reach the database before the new active one: one active subscription per account
        subscriptions.saveAndFlush(current);
        successor = subscriptions.save(successor);
        account.changeOwner(transfer.recipientId());
        transfer.ownershipMoved(successor.id());
        activity.handedOver(transfer);
        return transfer;
    }

    /** The instant the AT_RENEWAL timer waits for: 00:00 of the renewal date in the billing zone. */
    @Transactional(readOnly = true)
    public Instant renewalInstant(UUID transferId) {
        Transfer transfer = find(transferId);
        Subscription successor = subscriptions.findById(transfer.recipientSubscriptionId()).orElseThrow(
                Missing.of(transfer.id(), "recipient subscription", transfer.recipientSubscriptionId()));
        return calendar.startOf(successor.renewalDate());
    }

    @Transactional
    public void expire(UUID transferId) {
        Transfer transfer = lock(transferId);
        transfer.expire(calendar.now());
        activity.expired(transfer);
    }

    /**
     * Staff deleted or cancelled the transfer's process (Cockpit), in the transaction doing so. A pending offer
     * ends CANCELLED and the answer is true: both parties are to be told. An accepted transfer whose billing has
     * not finished refuses, so the deletion rolls back rather than lose an invoice or a refund. A transfer that
     * had already ended stays as it was.
     */
    @Transactional
    public boolean stoppedByStaff(UUID transferId) {
        Transfer transfer = lock(transferId);
        switch (transfer.status()) {
            case PENDING -> {
                transfer.cancel(calendar.now());
                activity.cancelledByStaff(transfer);
                return true;
            }
            case ACCEPTED -> throw new IllegalStateException("Transfer " + transferId + " was accepted and its billing"
                    + " has not finished; stopping its process would lose an invoice or a refund, so nothing was stopped."
                    + " Retry its incident, or let it wait for its renewal date.");
            default -> {
                return false;
            }
        }
    }

    @Transactional
    public void invoiceRecipient(UUID transferId) {
        billing.invoiceRecipient(find(transferId));
    }

    /** IMMEDIATE: the unused days go back to the sender, or to the previous holder who paid them (B9). */
    @Transactional
    public boolean refundSender(UUID transferId) {
        Transfer transfer = lock(transferId);
        Optional<Invoice> refund = billing.refundUnusedDays(transfer);
        // B9: the refund plan issued it under the previous payer's key when someone other than the sender paid
        return refund.filter(creditNote -> creditNote.idempotencyKey()
                .equals(TransferBilling.previousPayerRefundKey(transfer))).isPresent();
    }

    /** AT_RENEWAL: the recipient's first own period, invoiced on the renewal date. */
    @Transactional
    public void invoiceRenewal(UUID transferId) {
        billing.invoiceRenewal(lock(transferId));
    }

    /**
     * The transfer's billing is done: it becomes COMPLETED. The process runs this in the job of the billing step
     * before it, which already holds the row lock, so the transfer is read from that job's persistence context
     * without another query; its version still refuses a concurrent change should staff run this step alone.
     */
    @Transactional
    public void complete(UUID transferId) {
        find(transferId).complete(calendar.now());
    }

    private Transfer lock(UUID transferId) {
        return locks.lock(transferId).orElseThrow(() -> new NotFoundException("No transfer " + transferId));
    }

    private Transfer find(UUID transferId) {
        return transfers.findById(transferId).orElseThrow(() -> new NotFoundException("No transfer " + transferId));
    }
}
