package net.hosting.accounttransfer.billing;

import jakarta.persistence.EntityManager;
import java.util.Optional;
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
    private final EntityManager entityManager;
    private final BillingCalendar calendar;

    Ledger(InvoiceRepository invoices, EntityManager entityManager, BillingCalendar calendar) {
        this.invoices = invoices;
        this.entityManager = entityManager;
        this.calendar = calendar;
    }

    /**
     * Invoices {@code amount} for {@code period} of the subscription, unless the key was already used; nothing
     * is issued for a zero amount (PRODUCT.md B5).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Invoice> invoice(String idempotencyKey, BillingIdentity billedTo, Long profileId,
            Subscription subscription, String accountName, BillingPeriod period, Money amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("an invoice cannot be negative: " + amount);
        }
        queueBehindOthersWith(idempotencyKey);
        Optional<Invoice> existing = invoices.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent() || amount.isZero()) {
            return existing;
        }
        return Optional.of(issue(Invoice.Kind.INVOICE, idempotencyKey, billedTo, profileId, subscription, accountName,
                period, amount, null, false));
    }

    /**
     * Credits {@code amount} against an invoice and records the refund as executed; nothing is issued for a
     * zero amount, and never more than the invoice has left to credit (PRODUCT.md B5).
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<Invoice> refund(String idempotencyKey, BillingIdentity billedTo, Invoice against,
            Subscription subscription, BillingPeriod period, Money amount) {
        if (against.kind() != Invoice.Kind.INVOICE) {
            throw new IllegalArgumentException(against.number() + " is a credit note; only an invoice can be credited");
        }
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a refund cannot be negative: " + amount);
        }
        queueBehindOthersWith(idempotencyKey);
        Optional<Invoice> existing = invoices.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent() || amount.isZero()) {
            return existing;
        }
        // two credits against one invoice under different keys must see each other, or together they could exceed it
        lockForCredit(against);
        Money creditable = creditableOn(against);
        if (amount.isGreaterThan(creditable)) {
            throw new IllegalArgumentException("a refund of " + amount + " exceeds the " + creditable + " that invoice "
                    + against.number() + " has left to credit");
        }
        return Optional.of(issue(Invoice.Kind.CREDIT_NOTE, idempotencyKey, billedTo, against.profileId(),
                subscription, against.accountName(), period, amount, against.id(), true));
    }

    /** What was invoiced less what was already credited against it: the base of a prorated refund (B4). */
    @Transactional(readOnly = true)
    public Money creditableOn(Invoice invoice) {
        Money left = invoice.amount();
        for (Invoice credit : invoices.findCreditsAgainst(invoice.id())) {
            left = left.minus(credit.amount());
        }
        return left;
    }

    /** The invoice that paid the subscription's current period, if one was issued. */
    @Transactional(readOnly = true)
    public Optional<Invoice> invoiceFor(Subscription subscription, BillingPeriod period) {
        return invoices.findInvoicesFor(subscription.id(), period.start(), period.end()).stream().findFirst();
    }

    @Transactional(readOnly = true)
    public Optional<Invoice> findByKey(String idempotencyKey) {
        return invoices.findByIdempotencyKey(idempotencyKey);
    }

    private Invoice issue(Invoice.Kind kind, String key, BillingIdentity billedTo, Long profileId,
            Subscription subscription, String accountName, BillingPeriod period, Money amount, Long credited,
            boolean refunded) {
        var issuedAt = calendar.now();
        int year = calendar.dateOf(issuedAt).getYear();
        var number = new DocumentNumber(year, nextSequence(year));
        return invoices.save(new Invoice(number, kind, profileId, billedTo, subscription, accountName, period, amount,
                issuedAt, credited, refunded ? issuedAt : null, key));
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
