package net.hosting.accounttransfer.transfer;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.billing.Tax;
import net.hosting.accounttransfer.billing.TaxedAmount;
import net.hosting.accounttransfer.billing.VatRules;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The money of a transfer (T10, T11, B4 to B9, V1 to V4). {@link #quote} and its {@link RefundPlan} are the one
 * calculation: the preview shows it and the billing steps issue exactly what it says, each document once under its
 * idempotency key.
 */
@Service
public class TransferBilling {

    private final SubscriptionRepository subscriptions;
    private final ProfileRepository profiles;
    private final Ledger ledger;
    private final BillingCalendar calendar;
    private final VatRules vatRules;

    TransferBilling(SubscriptionRepository subscriptions, ProfileRepository profiles, Ledger ledger,
            BillingCalendar calendar, VatRules vatRules) {
        this.subscriptions = subscriptions;
        this.profiles = profiles;
        this.ledger = ledger;
        this.calendar = calendar;
        this.vatRules = vatRules;
    }

    /**
     * What a transfer costs when accepted on {@code acceptedOn}.
     *
     * @param recipientCharge what the recipient is invoiced: the plan price as net, its VAT and total
     * @param chargeDate when: the acceptance date, or the renewal date
     * @param chargedPeriod the service period of that invoice
     * @param recipientPeriod the recipient's first period, from acceptance
     * @param refund the unused days going back, and to whom (B4, B9, V4); empty when nothing goes back
     */
    public record Quote(TaxedAmount recipientCharge, LocalDate chargeDate, BillingPeriod chargedPeriod,
            BillingPeriod recipientPeriod, Optional<RefundPlan> refund) {

        Quote(Charge charge, Optional<RefundPlan> refund) {
            this(charge.recipientCharge(), charge.chargeDate(), charge.chargedPeriod(), charge.recipientPeriod(), refund);
        }

        /** The prorated refund to the sender; zero when there is none. */
        public TaxedAmount senderRefund() {
            return refund.filter(RefundPlan::toSender).map(RefundPlan::amount).orElse(nothing());
        }

        /** B9: the refund to a previous holder who paid the current period; zero when there is none. */
        public TaxedAmount previousPayerRefund() {
            return refund.filter(plan -> !plan.toSender()).map(RefundPlan::amount).orElse(nothing());
        }

        private TaxedAmount nothing() {
            return new TaxedAmount(Money.zero(recipientCharge.net().currency()), java.math.BigDecimal.ZERO,
                    Money.zero(recipientCharge.net().currency()), recipientCharge.treatment());
        }
    }

    /**
     * The recipient's side of a {@link Quote} alone: what a step that bills, mails or hands over needs, read without
     * the ledger, which only the refund plan reads.
     */
    public record Charge(TaxedAmount recipientCharge, LocalDate chargeDate, BillingPeriod chargedPeriod,
            BillingPeriod recipientPeriod) {
    }

    /**
     * The one decision of who gets the unused days {@code [d, end)} back (B4, B9, V4): which invoice is credited,
     * whose money it was, and how much, net and VAT at that invoice's rate. The preview shows it and the refund step
     * issues it, under {@link #key}.
     *
     * @param against the payer of record's invoice for the current period
     * @param toSender whether that payer is the sender; otherwise a previous holder who handed on at renewal (B9)
     * @param days the unused days, {@code [d, end)}
     * @param amount the credit; positive, since a plan with nothing to give back is no plan (B5)
     */
    public record RefundPlan(Invoice against, boolean toSender, BillingPeriod days, TaxedAmount amount) {

        /** Whose money goes back: the profile the credited invoice was issued to. */
        public Long payerId() {
            return against.profileId();
        }

        /** The idempotency key of the credit note this plan issues for {@code transfer} (B6). */
        public String key(Transfer transfer) {
            return toSender ? senderRefundKey(transfer) : previousPayerRefundKey(transfer);
        }
    }

    static String recipientInvoiceKey(Transfer transfer) {
        return TransferKeys.recipientInvoice(transfer.id());
    }

    static String senderRefundKey(Transfer transfer) {
        return TransferKeys.senderRefund(transfer.id());
    }

    static String previousPayerRefundKey(Transfer transfer) {
        return TransferKeys.previousPayerRefund(transfer.id());
    }

    static String renewalInvoiceKey(Transfer transfer) {
        return TransferKeys.renewalInvoice(transfer.id());
    }

    /** The acceptance date d of B2, or today for a transfer not decided yet. */
    LocalDate acceptanceDate(Transfer transfer) {
        return transfer.decidedAt() == null ? calendar.today() : calendar.dateOf(transfer.decidedAt());
    }

    /** What the recipient is charged if the transfer is accepted on {@code acceptedOn}, and for which period. */
    @Transactional(readOnly = true)
    public Charge charge(Transfer transfer, LocalDate acceptedOn) {
        return charge(senderSubscription(transfer), transfer.billingMode(), acceptedOn, recipientTax(transfer));
    }

    /**
     * The quote of a transfer not started yet, for the preview the sender reads before confirming: the recipient is
     * priced as a consumer in the seller's country, since whether a profile holds the address, and where, is not the
     * sender's to learn (T2).
     */
    @Transactional(readOnly = true)
    public Quote quote(Subscription sender, BillingMode billingMode, LocalDate acceptedOn) {
        return quote(sender, billingMode, acceptedOn, vatRules.domestic());
    }

    private Quote quote(Subscription sender, BillingMode billingMode, LocalDate acceptedOn, Tax recipientTax) {
        Charge charge = charge(sender, billingMode, acceptedOn, recipientTax);
        return new Quote(charge, billingMode == BillingMode.IMMEDIATE ? refundPlan(sender, acceptedOn)
                : Optional.empty());
    }

    private static Charge charge(Subscription sender, BillingMode billingMode, LocalDate acceptedOn, Tax recipientTax) {
        TaxedAmount charge = recipientTax.on(sender.price());
        BillingPeriod paid = sender.currentPeriod();
        // the anchor-counted period that holds d ends at the renewal date the recipient would keep
        LocalDate renewal = acceptedOn.isBefore(paid.end()) ? paid.end()
                : BillingPeriod.containing(sender.anchorDate(), sender.cycle(), acceptedOn).end();
        BillingPeriod keptPeriod = new BillingPeriod(acceptedOn, renewal);
        if (billingMode == BillingMode.IMMEDIATE) {
            BillingPeriod fresh = BillingPeriod.first(acceptedOn, sender.cycle());
            return new Charge(charge, acceptedOn, fresh, fresh);
        }
        BillingPeriod next = BillingPeriod.containing(sender.anchorDate(), sender.cycle(), renewal);
        return new Charge(charge, renewal, next, keptPeriod);
    }

    private Subscription senderSubscription(Transfer transfer) {
        return subscriptions.findById(transfer.senderSubscriptionId())
                .orElseThrow(Missing.of(transfer.id(), "sender subscription", transfer.senderSubscriptionId()));
    }

    /**
     * B9: the unused days [d, end) go back to whoever paid them, by B4 and V4 against that payer's invoice; none
     * when d is outside the paid period, no invoice paid it, or nothing is left (B5).
     */
    private Optional<RefundPlan> refundPlan(Subscription sender, LocalDate acceptedOn) {
        if (!sender.currentPeriod().contains(acceptedOn)) {
            // e.g. accepted on or after the paid period's end: no unused day, no document, and no [d, end) to name
            return Optional.empty();
        }
        return ledger.paidInvoiceOf(sender).flatMap(invoice -> {
            TaxedAmount credit = ledger.unusedDaysCredit(invoice, acceptedOn);
            if (credit.net().isZero()) {
                return Optional.empty();
            }
            return Optional.of(new RefundPlan(invoice, invoice.profileId().equals(sender.payerId()),
                    new BillingPeriod(acceptedOn, invoice.servicePeriod().end()), credit));
        });
    }

    /**
     * The recipient's VAT (V2): its profile once it accepted, or the profile that holds the offered address; someone
     * without a profile yet is priced as a consumer in the seller's country until it signs up.
     */
    private Tax recipientTax(Transfer transfer) {
        if (transfer.recipientId() != null) {
            Profile recipient = profiles.findById(transfer.recipientId())
                    .orElseThrow(Missing.of(transfer.id(), "recipient profile", transfer.recipientId()));
            return vatRules.taxFor(recipient.billingIdentity());
        }
        return profiles.findByEmail(transfer.recipientEmail())
                .map(profile -> vatRules.taxFor(profile.billingIdentity())).orElseGet(vatRules::domestic);
    }

    /**
     * The recipient's VAT as {@code reader} may see it: before acceptance only the recipient itself learns what its
     * profile says; anyone else reads the price for a consumer in the seller's country, so that an offer tells the
     * sender nothing about whether, or where, a profile holds the address (T2).
     */
    private Tax recipientTaxAsSeenBy(Transfer transfer, Reader reader) {
        return transfer.recipientId() != null || reader == Reader.RECIPIENT ? recipientTax(transfer)
                : vatRules.domestic();
    }

    /** Who reads a preview: the recipient (or the holder of its accept link), or anyone else. */
    public enum Reader { RECIPIENT, OTHER }

    /**
     * B7: what accepting costs, shown to both parties before anyone confirms; once billed, the amounts of the
     * documents actually issued. Empty for a transfer that ended without acceptance.
     */
    @Transactional(readOnly = true)
    public Optional<Preview> preview(Transfer transfer, Reader reader) {
        if (transfer.status() != TransferStatus.PENDING && transfer.status() != TransferStatus.ACCEPTED
                && transfer.status() != TransferStatus.COMPLETED) {
            return Optional.empty();
        }
        Subscription sender = senderSubscription(transfer);
        LocalDate acceptedOn = acceptanceDate(transfer);
        Tax recipientTax = recipientTaxAsSeenBy(transfer, reader);
        // documents are issued only after acceptance, so a pending offer has none to look up
        Map<String, Invoice> issued = transfer.status() == TransferStatus.PENDING ? Map.of()
                : ledger.findByKeys(List.of(recipientInvoiceKey(transfer), senderRefundKey(transfer),
                        previousPayerRefundKey(transfer)));
        Optional<Invoice> senderRefund = Optional.ofNullable(issued.get(senderRefundKey(transfer)));
        Optional<Invoice> previousPayerRefund = Optional.ofNullable(issued.get(previousPayerRefundKey(transfer)));
        if (senderRefund.isPresent() || previousPayerRefund.isPresent() || transfer.status() == TransferStatus.COMPLETED) {
            Charge quoted = charge(sender, transfer.billingMode(), acceptedOn, recipientTax);
            TaxedAmount charge = Optional.ofNullable(issued.get(recipientInvoiceKey(transfer))).map(Invoice::amounts)
                    .orElse(quoted.recipientCharge());
            return Optional.of(new Preview(charge, quoted.chargeDate(), quoted.chargedPeriod(),
                    senderRefund.map(Invoice::amounts), previousPayerRefund.map(Invoice::amounts)));
        }
        Quote quote = quote(sender, transfer.billingMode(), acceptedOn, recipientTax);
        return Optional.of(new Preview(quote.recipientCharge(), quote.chargeDate(), quote.chargedPeriod(),
                Optional.of(quote.senderRefund()).filter(refund -> !refund.isZero()),
                Optional.of(quote.previousPayerRefund()).filter(refund -> !refund.isZero())));
    }

    /**
     * What both parties see (B7, V5): the recipient's charge and the refunds, each as net, VAT and total.
     *
     * @param senderRefund empty when the sender gets nothing back
     * @param previousPayerRefund B9, an amount only, never an identity; empty when there is none
     */
    public record Preview(TaxedAmount recipientCharge, LocalDate chargeDate, BillingPeriod chargedPeriod,
            Optional<TaxedAmount> senderRefund, Optional<TaxedAmount> previousPayerRefund) {
    }

    /** IMMEDIATE: the recipient pays a full period from the acceptance date, at once; nothing for a free plan (B5). */
    @Transactional
    public Optional<Invoice> invoiceRecipient(Transfer transfer) {
        Subscription recipientSubscription = recipientSubscription(transfer);
        Charge charge = charge(transfer, acceptanceDate(transfer));
        Profile recipient = profiles.findById(transfer.recipientId())
                .orElseThrow(Missing.of(transfer.id(), "recipient profile", transfer.recipientId()));
        return ledger.invoice(recipientInvoiceKey(transfer), recipient.billingIdentity(), recipient.id(),
                recipientSubscription, transfer.accountName(), recipientSubscription.currentPeriod(),
                charge.recipientCharge().net());
    }

    /**
     * IMMEDIATE: the credit note for the unused days [d, end) of the current period, refunded at once, exactly as
     * the refund plan says: to whoever paid that period, the sender (B4) or a previous holder who handed the
     * account on at renewal (B9), under that plan's key. Nothing when no day or nothing is left (B5).
     */
    @Transactional
    public Optional<Invoice> refundUnusedDays(Transfer transfer) {
        Map<String, Invoice> issued = ledger.findByKeys(List.of(senderRefundKey(transfer),
                previousPayerRefundKey(transfer)));
        if (!issued.isEmpty()) {
            return Optional.ofNullable(issued.get(senderRefundKey(transfer)))
                    .or(() -> Optional.ofNullable(issued.get(previousPayerRefundKey(transfer))));
        }
        Subscription sender = senderSubscription(transfer);
        LocalDate acceptedOn = acceptanceDate(transfer);
        Optional<RefundPlan> plan = refundPlan(sender, acceptedOn);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        RefundPlan refund = plan.get();
        Profile payer = profiles.findById(refund.payerId())
                .orElseThrow(Missing.of(transfer.id(), "payer of record, profile", refund.payerId()));
        return ledger.refundUnusedDays(refund.key(transfer), payer.billingIdentity(), refund.against(), acceptedOn,
                refund.amount());
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
        Charge charge = charge(transfer, acceptanceDate(transfer));
        BillingPeriod next = charge.chargedPeriod();
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
                recipientSubscription, transfer.accountName(), next, charge.recipientCharge().net());
    }

    @Transactional(readOnly = true)
    public Optional<Invoice> issued(String key) {
        return ledger.findByKey(key);
    }

    /** What an IMMEDIATE acceptance issued (T10, B4, B9), read in one query; each is empty when none was. */
    @Transactional(readOnly = true)
    public Settled settled(Transfer transfer) {
        Map<String, Invoice> issued = ledger.findByKeys(List.of(recipientInvoiceKey(transfer),
                senderRefundKey(transfer), previousPayerRefundKey(transfer)));
        return new Settled(Optional.ofNullable(issued.get(recipientInvoiceKey(transfer))),
                Optional.ofNullable(issued.get(senderRefundKey(transfer))),
                Optional.ofNullable(issued.get(previousPayerRefundKey(transfer))));
    }

    /** The documents of an IMMEDIATE acceptance: a free plan issues no invoice, and a refund only for days left. */
    public record Settled(Optional<Invoice> recipientInvoice, Optional<Invoice> senderRefund,
            Optional<Invoice> previousPayerRefund) {
    }

    private Subscription recipientSubscription(Transfer transfer) {
        return subscriptions.findById(transfer.recipientSubscriptionId()).orElseThrow(
                () -> new IllegalStateException("transfer " + transfer.id() + " has not moved ownership yet"));
    }
}
