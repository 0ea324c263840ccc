package net.hosting.accounttransfer.billing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.Objects;

/** What one profile pays for one account: plan, price, cycle and the current period. */
@Entity
public class Subscription {

    /** Whether the subscription still bills. */
    public enum Status { ACTIVE, CLOSED }

    /** Why a subscription was closed. */
    public enum CloseReason { TRANSFERRED, CANCELLED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "payer_id")
    private Long payerId;

    private String plan;

    @Column(name = "price_amount")
    private BigDecimal priceAmount;

    private String currency;

    @Enumerated(EnumType.STRING)
    private BillingCycle cycle;

    @Column(name = "anchor_date")
    private LocalDate anchorDate;

    @Column(name = "current_period_start")
    private LocalDate currentPeriodStart;

    @Column(name = "current_period_end")
    private LocalDate currentPeriodEnd;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "closed_at")
    private Instant closedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "close_reason")
    private CloseReason closeReason;

    @Column(name = "predecessor_id")
    private Long predecessorId;

    @Version
    private long version;

    protected Subscription() {
    }

    private Subscription(Long accountId, Long payerId, String plan, Money price, BillingCycle cycle,
            LocalDate anchor, BillingPeriod current, Long predecessorId) {
        this.accountId = Objects.requireNonNull(accountId);
        this.payerId = Objects.requireNonNull(payerId);
        this.plan = Objects.requireNonNull(plan);
        if (price.isNegative()) {
            throw new IllegalArgumentException("a price cannot be negative: " + price);
        }
        this.priceAmount = price.amount();
        this.currency = price.currency().getCurrencyCode();
        this.cycle = Objects.requireNonNull(cycle);
        this.anchorDate = Objects.requireNonNull(anchor);
        this.currentPeriodStart = current.start();
        this.currentPeriodEnd = current.end();
        this.status = Status.ACTIVE;
        this.predecessorId = predecessorId;
    }

    /** A new subscription whose current period is the anchor-counted one that holds {@code today}. */
    public static Subscription open(Long accountId, Long payerId, String plan, Money price, BillingCycle cycle,
            LocalDate anchor, LocalDate today) {
        return new Subscription(accountId, payerId, plan, price, cycle, anchor,
                BillingPeriod.containing(anchor, cycle, today), null);
    }

    /**
     * Closes this subscription and opens its successor for another payer, with the same plan, price and
     * cycle; the caller chooses the successor's anchor and current period (PRODUCT.md T10, T11).
     */
    public Subscription handOver(Long newPayerId, Instant at, LocalDate successorAnchor, BillingPeriod successorPeriod) {
        close(at, CloseReason.TRANSFERRED);
        return new Subscription(accountId, newPayerId, plan, price(), cycle, successorAnchor, successorPeriod, id);
    }

    public void close(Instant at, CloseReason reason) {
        if (status != Status.ACTIVE) {
            throw new IllegalStateException("subscription " + id + " is already closed");
        }
        this.status = Status.CLOSED;
        this.closedAt = Objects.requireNonNull(at);
        this.closeReason = Objects.requireNonNull(reason);
    }

    /** Moves the current period on to the next anchor-counted one, when the renewal has been invoiced. */
    public BillingPeriod renew() {
        if (status != Status.ACTIVE) {
            throw new IllegalStateException("subscription " + id + " is closed and cannot renew");
        }
        BillingPeriod next = currentPeriod().next(anchorDate, cycle);
        this.currentPeriodStart = next.start();
        this.currentPeriodEnd = next.end();
        return next;
    }

    public Long id() {
        return id;
    }

    public Long accountId() {
        return accountId;
    }

    public Long payerId() {
        return payerId;
    }

    public String plan() {
        return plan;
    }

    public Money price() {
        return new Money(priceAmount, Currency.getInstance(currency));
    }

    public BillingCycle cycle() {
        return cycle;
    }

    public LocalDate anchorDate() {
        return anchorDate;
    }

    public BillingPeriod currentPeriod() {
        return new BillingPeriod(currentPeriodStart, currentPeriodEnd);
    }

    /** The renewal date ("échéance"): the end of the current period. */
    public LocalDate renewalDate() {
        return currentPeriodEnd;
    }

    public Status status() {
        return status;
    }

    public boolean isActive() {
        return status == Status.ACTIVE;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public CloseReason closeReason() {
        return closeReason;
    }

    public Long predecessorId() {
        return predecessorId;
    }
}
