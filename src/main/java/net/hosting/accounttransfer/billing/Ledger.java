package net.hosting.accounttransfer.billing;

import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues invoices and credit notes: numbered gap-free per year, with the billing identity frozen on them,
 * and at most once per idempotency key.
 */
@Service
public class Ledger {

    /** The first half of our advisory lock keys, so that they cannot meet anyone else's ("LEDG"). */
    private static final int LOCK_SPACE = 0x4C454447;

    private final InvoiceRepository invoices;
    private final SubscriptionRepository subscriptions;
    private final EntityManager entityManager;
    private final BillingCalendar calendar;
    private final BillingProperties billing;
    private final VatRules vatRules;

    Ledger(InvoiceRepository invoices, SubscriptionRepository subscriptions, EntityManager entityManager,
            BillingCalendar calendar, VatRules vatRules, BillingProperties billing) {
        this.billing = billing;
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.entityManager = entityManager;
        this.calendar = calendar;
        this.vatRules = vatRules;
    }

    /**
     * Invoices {@code net} (the plan price, before tax) for {@code period} of the subscription, with the VAT that
     * the buyer's snapshot and the seller's country call for (PRODUCT.md V1, V2), unless the key was already used;
     * nothing is issued for a zero amount (B5).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Invoice> invoice(String idempotencyKey, BillingIdentity billedTo, Long profileId,
            Subscription subscription, String accountName, BillingPeriod period, Money net) {
        if (net.isNegative()) {
            throw new IllegalArgumentException("an invoice cannot be negative: " + net);
        }
        queueBehindOthersWith(idempotencyKey);
        Optional<Invoice> existing = invoices.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent() || net.isZero()) {
            return existing;
        }
        return Optional.of(issue(Invoice.Kind.INVOICE, idempotencyKey, billedTo, profileId, subscription, accountName,
                period, vatRules.taxFor(billedTo).on(net), null, false));
    }

    /**
     * Credits {@code net} against an invoice, at that invoice's rate and treatment whatever the buyer's data says
     * now (PRODUCT.md V4), and records the refund as executed; nothing is issued for a zero amount, and never more
     * than the invoice has left to credit, net or VAT (B5).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Invoice> refund(String idempotencyKey, BillingIdentity billedTo, Invoice against,
            Subscription subscription, BillingPeriod period, Money net) {
        requireInvoice(against);
        if (net.isNegative()) {
            throw new IllegalArgumentException("a refund cannot be negative: " + net);
        }
        queueBehindOthersWith(idempotencyKey);
        Optional<Invoice> existing = invoices.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent() || net.isZero()) {
            return existing;
        }
        // two credits against one invoice under different keys must see each other, or together they could exceed it
        lockForCredit(against);
        TaxedAmount left = creditableOn(against);
        if (net.isGreaterThan(left.net())) {
            throw new IllegalArgumentException("a refund of " + net + " net exceeds the " + left.net()
                    + " net that invoice " + against.number() + " has left to credit");
        }
        return Optional.of(issue(Invoice.Kind.CREDIT_NOTE, idempotencyKey, billedTo, against.profileId(),
                subscription, against.accountName(), period, creditOf(net, left), against.id(), true));
    }

    /**
     * What was invoiced less what was already credited against it, net and VAT each, at the invoice's rate and
     * treatment: the base of a prorated refund (B4, V4).
     */
    @Transactional(readOnly = true)
    public TaxedAmount creditableOn(Invoice invoice) {
        Money net = invoice.net();
        Money vat = invoice.vat();
        for (Invoice credit : invoices.findCreditsAgainst(invoice.id())) {
            net = net.minus(credit.net());
            vat = vat.minus(credit.vat());
        }
        return new TaxedAmount(net, invoice.vatRate(), vat, invoice.vatTreatment());
    }

    /**
     * The credit for the unused days {@code [acceptedOn, end)} of an invoice's period, as it stands now (V4):
     * {@code creditNet = round_half_up(netLeft × days(d, end) / days(start, end), 2)}, and its VAT at the invoice's
     * rate, never more than the invoice's VAT left. Zero when no day or nothing is left. The preview shows this, and
     * {@link #refundUnusedDays} issues it, computed again under the invoice's lock.
     */
    @Transactional(readOnly = true)
    public TaxedAmount unusedDaysCredit(Invoice against, LocalDate acceptedOn) {
        requireInvoice(against);
        TaxedAmount left = creditableOn(against);
        return creditOf(Proration.refund(left.net(), against.servicePeriod(), acceptedOn), left);
    }

    private static TaxedAmount creditOf(Money net, TaxedAmount left) {
        Money vat = new Tax(left.treatment(), left.vatRate()).vatOn(net);
        // the credits' VAT, each rounded on its own, never adds up to more than the invoice charged
        if (vat.isGreaterThan(left.vat())) {
            vat = left.vat();
        }
        return new TaxedAmount(net, left.vatRate(), vat, left.treatment());
    }

    private static void requireInvoice(Invoice against) {
        if (against.kind() != Invoice.Kind.INVOICE) {
            throw new IllegalArgumentException(against.number() + " is a credit note; only an invoice can be credited");
        }
    }

    /** The invoice issued for exactly {@code period} of the subscription, if one was. */
    @Transactional(readOnly = true)
    public Optional<Invoice> invoiceFor(Subscription subscription, BillingPeriod period) {
        return invoices.findInvoicesFor(subscription.id(), period.start(), period.end()).stream().findFirst();
    }

    /**
     * The invoice of the payer of record (B9): the one that paid the subscription's current period. A period
     * received at renewal ({@code [d, end)}, same renewal date) was paid by a predecessor, possibly several
     * hand-overs back; a period that started afresh has its own invoice or none.
     */
    @Transactional(readOnly = true)
    public Optional<Invoice> paidInvoiceOf(Subscription subscription) {
        BillingPeriod current = subscription.currentPeriod();
        Subscription holder = subscription;
        while (true) {
            Optional<Invoice> paid = invoiceFor(holder, holder.currentPeriod());
            if (paid.isPresent()) {
                return paid;
            }
            if (holder.predecessorId() == null) {
                return Optional.empty();
            }
            Subscription predecessor = subscriptions.findById(holder.predecessorId()).orElseThrow(
                    () -> new IllegalStateException("subscription " + subscription.id() + " names a predecessor "
                            + "that does not exist"));
            BillingPeriod before = predecessor.currentPeriod();
            // only a period carried over at renewal is the predecessor's: same renewal date, begun no later
            if (!before.end().equals(current.end()) || before.start().isAfter(current.start())) {
                return Optional.empty();
            }
            holder = predecessor;
        }
    }

    /**
     * Credits the unused days {@code [acceptedOn, end)} of an invoice's period to its payer and records the
     * refund as executed: {@link #unusedDaysCredit}, read under the invoice's lock so that no other credit can slip
     * in between (B5). Nothing is issued for a zero amount; a repeated key returns the first document.
     *
     * @param planned what the caller's plan promised; a different amount under the lock means another credit came
     *        first, so this refuses (a retry plans again) rather than issue what nobody was shown
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Invoice> refundUnusedDays(String idempotencyKey, BillingIdentity billedTo, Invoice against,
            LocalDate acceptedOn, TaxedAmount planned) {
        queueBehindOthersWith(idempotencyKey);
        Optional<Invoice> existing = invoices.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent()) {
            return existing;
        }
        lockForCredit(against);
        TaxedAmount credit = unusedDaysCredit(against, acceptedOn);
        if (!credit.equals(planned)) {
            throw new IllegalStateException("invoice " + against.number() + " has " + credit + " left to credit for "
                    + acceptedOn + " onwards, not the planned " + planned + ": another credit came first; retry");
        }
        if (credit.net().isZero()) {
            return Optional.empty();
        }
        Subscription subscription = subscriptions.findById(against.subscriptionId()).orElseThrow(() ->
                new IllegalStateException("invoice " + against.number() + ": its subscription "
                        + against.subscriptionId() + " does not exist"));
        return Optional.of(issue(Invoice.Kind.CREDIT_NOTE, idempotencyKey, billedTo, against.profileId(),
                subscription, against.accountName(), new BillingPeriod(acceptedOn, against.servicePeriod().end()),
                credit, against.id(), true));
    }

    @Transactional(readOnly = true)
    public Optional<Invoice> findByKey(String idempotencyKey) {
        return invoices.findByIdempotencyKey(idempotencyKey);
    }

    /** The documents issued under any of these keys, by key, in one query; a key with none is absent. */
    @Transactional(readOnly = true)
    public Map<String, Invoice> findByKeys(Collection<String> idempotencyKeys) {
        return invoices.findByIdempotencyKeys(idempotencyKeys).stream()
                .collect(Collectors.toMap(Invoice::idempotencyKey, Function.identity()));
    }

    private Invoice issue(Invoice.Kind kind, String key, BillingIdentity billedTo, Long profileId,
            Subscription subscription, String accountName, BillingPeriod period, TaxedAmount amounts, Long credited,
            boolean refunded) {
        var issuedAt = calendar.now();
        int year = calendar.dateOf(issuedAt).getYear();
        var number = new DocumentNumber(year, nextSequence(year));
        return invoices.save(new Invoice(number, kind, profileId, billedTo, billing.seller(), subscription, accountName,
                period, amounts, issuedAt, credited, refunded ? issuedAt : null, key));
    }

    /**
     * Callers with the same key wait here until the first one's transaction ends; the read that follows then
     * sees its document (read committed), so a concurrent duplicate returns that document instead of failing on
     * the unique key, which stays as the last guard.
     */
    private void queueBehindOthersWith(String idempotencyKey) {
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            throw new IllegalArgumentException("every document needs an idempotency key");
        }
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:space, hashtext(:key))) locked")
                .setParameter("space", LOCK_SPACE)
                .setParameter("key", idempotencyKey)
                .getSingleResult();
    }

    private void lockForCredit(Invoice invoice) {
        entityManager.createNativeQuery("select id from invoice where id = :id for update")
                .setParameter("id", invoice.id())
                .getSingleResult();
    }

    /**
     * The counter row stays locked until the issuing transaction ends, so a rollback gives the number back
     * and two nodes can never take the same one.
     */
    private int nextSequence(int year) {
        Number value = (Number) entityManager.createNativeQuery("""
                insert into document_sequence (year, last_value) values (:year, 1)
                on conflict (year) do update set last_value = document_sequence.last_value + 1
                returning last_value""")
                .setParameter("year", year)
                .getSingleResult();
        return value.intValue();
    }
}
