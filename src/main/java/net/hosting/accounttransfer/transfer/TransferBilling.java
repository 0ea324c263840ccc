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
 * The money of a transfer (T10, T11, B4 to B7). {@link #quote} is the one calculation: the preview shows it and
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
     * @param senderRefund the prorated refund, zero when there is none
     */
    public record Quote(Money recipientCharge, LocalDate chargeDate, BillingPeriod chargedPeriod,
            BillingPeriod recipientPeriod, Money senderRefund) {
    }

    static String recipientInvoiceKey(Transfer transfer) {
        return "transfer:" + transfer.id() + ":recipient-invoice";
    }

    static String senderRefundKey(Transfer transfer) {
        return "transfer:" + transfer.id() + ":sender-refund";
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
        return quote(subscriptions.findById(transfer.senderSubscriptionId()).orElseThrow(), transfer.billingMode(),
                acceptedOn);
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
        if (billingMode == BillingMode.IMMEDIATE) {
            BillingPeriod fresh = BillingPeriod.first(acceptedOn, sender.cycle());
            Money refund = acceptedOn.isBefore(paid.end()) && !acceptedOn.isBefore(paid.start())
                    ? Proration.refund(paidFor(sender), paid, acceptedOn)
                    : Money.zero(price.currency());
            return new Quote(price, acceptedOn, fresh, fresh, refund);
        }
        BillingPeriod next = BillingPeriod.containing(sender.anchorDate(), sender.cycle(), renewal);
        return new Quote(price, renewal, next, keptPeriod, Money.zero(price.currency()));
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
        Optional<Invoice> refund = ledger.findByKey(senderRefundKey(transfer));
        if (refund.isPresent() || transfer.status() == TransferStatus.COMPLETED) {
            Money refunded = refund.map(Invoice::amount).orElse(Money.zero(quote.recipientCharge().currency()));
            quote = new Quote(quote.recipientCharge(), quote.chargeDate(), quote.chargedPeriod(),
                    quote.recipientPeriod(), refunded);
        }
        return Optional.of(quote);
    }

    /** What the sender was invoiced for its current period, less the credit already given against it (B4). */
    private Money paidFor(Subscription subscription) {
        return ledger.invoiceFor(subscription, subscription.currentPeriod())
                .map(ledger::creditableOn)
                .orElse(Money.zero(subscription.price().currency()));
    }

    /** IMMEDIATE: the recipient pays a full period from the acceptance date, at once; nothing for a free plan (B5). */
    @Transactional
    public Optional<Invoice> invoiceRecipient(Transfer transfer) {
        Subscription recipientSubscription = recipientSubscription(transfer);
        Quote quote = quote(transfer, acceptanceDate(transfer));
        Profile recipient = profiles.findById(transfer.recipientId()).orElseThrow();
        return ledger.invoice(recipientInvoiceKey(transfer), recipient.billingIdentity(), recipient.id(),
                recipientSubscription, transfer.accountName(), recipientSubscription.currentPeriod(),
                quote.recipientCharge());
    }

    /** IMMEDIATE: the sender's credit note for [d, end), refunded at once; nothing when the amount is zero (B5). */
    @Transactional
    public Optional<Invoice> refundSender(Transfer transfer) {
        Optional<Invoice> issued = ledger.findByKey(senderRefundKey(transfer));
        if (issued.isPresent()) {
            return issued;
        }
        Subscription sender = subscriptions.findById(transfer.senderSubscriptionId()).orElseThrow();
        Optional<Invoice> paidInvoice = ledger.invoiceFor(sender, sender.currentPeriod());
        if (paidInvoice.isEmpty()) {
            return Optional.empty();
        }
        LocalDate acceptedOn = acceptanceDate(transfer);
        Money refund = quote(transfer, acceptedOn).senderRefund();
        if (!refund.isPositive()) {
            // e.g. accepted on or after the paid period's end: no unused day, no document, and no [d, end) to name
            return Optional.empty();
        }
        Profile senderProfile = profiles.findById(transfer.senderId()).orElseThrow();
        return ledger.refund(senderRefundKey(transfer), senderProfile.billingIdentity(), paidInvoice.get(), sender,
                new BillingPeriod(acceptedOn, sender.currentPeriod().end()), refund);
    }

    /**
     * AT_RENEWAL: on the renewal date the recipient's subscription moves to its next period and that period
     * is invoiced. Empty when the recipient no longer pays for the account (it was handed on again).
     */
    @Transactional
    public Optional<Invoice> invoiceRenewal(Transfer transfer) {
        // the lock comes first: a concurrent run that checked before the other committed would renew twice
        Subscription recipientSubscription = subscriptions.lockById(transfer.recipientSubscriptionId()).orElseThrow();
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
        Profile recipient = profiles.findById(transfer.recipientId()).orElseThrow();
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
