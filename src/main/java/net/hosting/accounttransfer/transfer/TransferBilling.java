package net.hosting.accounttransfer.transfer;

import java.time.LocalDate;
import java.util.Optional;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Proration;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money of a transfer (T10, T11, B4 to B9). {@link #quote} is the one calculation: the preview shows it and
 * the billing steps issue exactly what it says, each document once under its idempotency key.
 */
@Service
public class TransferBilling {

    private final SubscriptionRepository subscriptions;
    private final ProfileRepository profiles;
    private final Ledger ledger;
    private final BillingCalendar calendar;

    TransferBilling(SubscriptionRepository subscriptions, ProfileRepository profiles, Ledger ledger,
            BillingCalendar calendar) {
        this.subscriptions = subscriptions;
        this.profiles = profiles;
        this.ledger = ledger;
        this.calendar = calendar;
    }

    /**
     * What a transfer costs when accepted on {@code acceptedOn}.
     *
     * @param recipientCharge what the recipient is invoiced
     * @param chargeDate when: the acceptance date, or the renewal date
     * @param chargedPeriod the service period of that invoice
     * @param recipientPeriod the recipient's first period, from acceptance
     * @param senderRefund the prorated refund to the sender, zero when there is none
     * @param previousPayerRefund B9: the prorated refund to a previous holder who paid the current period (the
     *        payer of record), zero when the sender paid it or nothing is left; the two are never both positive
     */
    public record Quote(Money recipientCharge, LocalDate chargeDate, BillingPeriod chargedPeriod,
            BillingPeriod recipientPeriod, Money senderRefund, Money previousPayerRefund) {
    }

    static String recipientInvoiceKey(Transfer transfer) {
        return "transfer:" + transfer.id() + ":recipient-invoice";
    }

    static String senderRefundKey(Transfer transfer) {
        return "transfer:" + transfer.id() + ":sender-refund";
    }

    static String previousPayerRefundKey(Transfer transfer) {
        return "transfer:" + transfer.id() + ":previous-payer-refund";
    }

    static String renewalInvoiceKey(Transfer transfer) {
        return "transfer:" + transfer.id() + ":renewal-invoice";
    }

    /** The acceptance date d of B2, or today for a transfer not decided yet. */
    LocalDate acceptanceDate(Transfer transfer) {
        return transfer.decidedAt() == null ? calendar.today() : calendar.dateOf(transfer.decidedAt());
    }

    @Transactional(readOnly = true)
    public Quote quote(Transfer transfer, LocalDate acceptedOn) {
        Subscription sender = subscriptions.findById(transfer.senderSubscriptionId())
                .orElseThrow(Missing.of(transfer.id(), "sender subscription", transfer.senderSubscriptionId()));
        return quote(sender, transfer.billingMode(), acceptedOn);
    }

    /** The quote of a transfer not started yet, for the preview the sender reads before confirming. */
    @Transactional(readOnly = true)
    public Quote quote(Subscription sender, BillingMode billingMode, LocalDate acceptedOn) {
        Money price = sender.price();
        BillingPeriod paid = sender.currentPeriod();
        // the anchor-counted period that holds d ends at the renewal date the recipient would keep
        LocalDate renewal = acceptedOn.isBefore(paid.end()) ? paid.end()
                : BillingPeriod.containing(sender.anchorDate(), sender.cycle(), acceptedOn).end();
        BillingPeriod keptPeriod = new BillingPeriod(acceptedOn, renewal);
        Money nothing = Money.zero(price.currency());
        if (billingMode == BillingMode.IMMEDIATE) {
            BillingPeriod fresh = BillingPeriod.first(acceptedOn, sender.cycle());
            // B9: the unused days [d, end) go back to whoever paid them, by B4 against that payer's invoice
            Optional<Invoice> payerOfRecord = paid.contains(acceptedOn) ? ledger.paidInvoiceOf(sender) : Optional.empty();
            Money refund = payerOfRecord
                    .map(invoice -> Proration.refund(ledger.creditableOn(invoice), invoice.servicePeriod(), acceptedOn))
                    .orElse(nothing);
            boolean senderPaid = payerOfRecord.map(invoice -> invoice.profileId().equals(sender.payerId())).orElse(true);
            return senderPaid ? new Quote(price, acceptedOn, fresh, fresh, refund, nothing)
                    : new Quote(price, acceptedOn, fresh, fresh, nothing, refund);
        }
        BillingPeriod next = BillingPeriod.containing(sender.anchorDate(), sender.cycle(), renewal);
        return new Quote(price, renewal, next, keptPeriod, nothing, nothing);
    }

    /**
     * B7: what accepting costs, shown to both parties before anyone confirms; once billed, the amounts of the
     * documents actually issued. Empty for a transfer that ended without acceptance.
     */
    @Transactional(readOnly = true)
    public Optional<Quote> preview(Transfer transfer) {
        if (transfer.status() != TransferStatus.PENDING && transfer.status() != TransferStatus.ACCEPTED
                && transfer.status() != TransferStatus.COMPLETED) {
            return Optional.empty();
        }
        Quote quote = quote(transfer, acceptanceDate(transfer));
        Optional<Invoice> senderRefund = ledger.findByKey(senderRefundKey(transfer));
        Optional<Invoice> previousPayerRefund = ledger.findByKey(previousPayerRefundKey(transfer));
        if (senderRefund.isPresent() || previousPayerRefund.isPresent() || transfer.status() == TransferStatus.COMPLETED) {
            Money nothing = Money.zero(quote.recipientCharge().currency());
            quote = new Quote(quote.recipientCharge(), quote.chargeDate(), quote.chargedPeriod(),
                    quote.recipientPeriod(), senderRefund.map(Invoice::amount).orElse(nothing),
                    previousPayerRefund.map(Invoice::amount).orElse(nothing));
        }
        return Optional.of(quote);
    }

    /** IMMEDIATE: the recipient pays a full period from the acceptance date, at once; nothing for a free plan (B5). */
    @Transactional
    public Optional<Invoice> invoiceRecipient(Transfer transfer) {
        Subscription recipientSubscription = recipientSubscription(transfer);
        Quote quote = quote(transfer, acceptanceDate(transfer));
        Profile recipient = profiles.findById(transfer.recipientId())
                .orElseThrow(Missing.of(transfer.id(), "recipient profile", transfer.recipientId()));
        return ledger.invoice(recipientInvoiceKey(transfer), recipient.billingIdentity(), recipient.id(),
                recipientSubscription, transfer.accountName(), recipientSubscription.currentPeriod(),
                quote.recipientCharge());
    }

    /**
     * IMMEDIATE: the credit note for the unused days [d, end) of the current period, refunded at once, to whoever
     * paid that period: the sender (B4), or a previous holder who handed the account on at renewal (B9), each
     * under its own key. Nothing when no day is left or the amount is zero (B5).
     */
    @Transactional
    public Optional<Invoice> refundUnusedDays(Transfer transfer) {
        for (String key : new String[] {senderRefundKey(transfer), previousPayerRefundKey(transfer)}) {
            Optional<Invoice> issued = ledger.findByKey(key);
            if (issued.isPresent()) {
                return issued;
            }
        }
        Subscription sender = subscriptions.findById(transfer.senderSubscriptionId()).orElseThrow(
                Missing.of(transfer.id(), "sender subscription", transfer.senderSubscriptionId()));
        LocalDate acceptedOn = acceptanceDate(transfer);
        if (!sender.currentPeriod().contains(acceptedOn)) {
            // e.g. accepted on or after the paid period's end: no unused day, no document, and no [d, end) to name
            return Optional.empty();
        }
        Optional<Invoice> paidInvoice = ledger.paidInvoiceOf(sender);
        if (paidInvoice.isEmpty()) {
            return Optional.empty();
        }
        Invoice paid = paidInvoice.get();
        boolean senderPaid = paid.profileId().equals(transfer.senderId());
        Profile payer = profiles.findById(paid.profileId())
                .orElseThrow(Missing.of(transfer.id(), "payer of record, profile", paid.profileId()));
        return ledger.refundUnusedDays(senderPaid ? senderRefundKey(transfer) : previousPayerRefundKey(transfer),
                payer.billingIdentity(), paid, acceptedOn);
    }

    /**
     * AT_RENEWAL: on the renewal date the recipient's subscription moves to its next period and that period
     * is invoiced. Empty when the recipient no longer pays for the account (it was handed on again).
     */
    @Transactional
    public Optional<Invoice> invoiceRenewal(Transfer transfer) {
        // the lock comes first: a concurrent run that checked before the other committed would renew twice
        Subscription recipientSubscription = subscriptions.lockById(transfer.recipientSubscriptionId()).orElseThrow(
                Missing.of(transfer.id(), "recipient subscription", transfer.recipientSubscriptionId()));
        Optional<Invoice> issued = ledger.findByKey(renewalInvoiceKey(transfer));
        if (issued.isPresent() || !recipientSubscription.isActive()) {
            return issued;
        }
        Quote quote = quote(transfer, acceptanceDate(transfer));
        BillingPeriod next = quote.chargedPeriod();
        // a free plan leaves no document behind, so the period itself says whether this renewal already happened
        if (!recipientSubscription.currentPeriod().equals(next)) {
            BillingPeriod renewed = recipientSubscription.renew();
            if (!renewed.equals(next)) {
                throw new IllegalStateException("subscription " + recipientSubscription.id() + " renewed to " + renewed
                        + " but transfer " + transfer.id() + " bills " + next);
            }
        }
        Profile recipient = profiles.findById(transfer.recipientId())
                .orElseThrow(Missing.of(transfer.id(), "recipient profile", transfer.recipientId()));
        return ledger.invoice(renewalInvoiceKey(transfer), recipient.billingIdentity(), recipient.id(),
                recipientSubscription, transfer.accountName(), next, quote.recipientCharge());
    }

    @Transactional(readOnly = true)
    public Optional<Invoice> issued(String key) {
        return ledger.findByKey(key);
    }

    private Subscription recipientSubscription(Transfer transfer) {
        return subscriptions.findById(transfer.recipientSubscriptionId()).orElseThrow(
                () -> new IllegalStateException("transfer " + transfer.id() + " has not moved ownership yet"));
    }
}
