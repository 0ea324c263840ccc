package net.hosting.accounttransfer.transfer;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.profile.EmailAddress;

/** One offer to hand an account over; it guards its own status so no caller can skip a rule. */
@Entity
public class Transfer {

    /** The width of {@code decline_reason}: what a recipient may write when declining. */
    public static final int MAX_DECLINE_REASON_LENGTH = 500;

    @Id
    private UUID id;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "account_name")
    private String accountName;

    @Column(name = "sender_id")
    private Long senderId;

    @Column(name = "recipient_email")
    private String recipientEmail;

    @Column(name = "recipient_id")
    private Long recipientId;

    @Enumerated(EnumType.STRING)
    @Column(name = "billing_mode")
    private BillingMode billingMode;

    @Enumerated(EnumType.STRING)
    private TransferStatus status;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "decline_reason")
    private String declineReason;

    @Column(name = "process_instance_id")
    private String processInstanceId;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "sender_subscription_id")
    private Long senderSubscriptionId;

    @Column(name = "recipient_subscription_id")
    private Long recipientSubscriptionId;

    // null until first saved, which tells Spring Data to persist this very object rather than merge a copy
    @Version
    private Long version;

    protected Transfer() {
    }

    Transfer(UUID id, Long accountId, String accountName, Long senderId, String recipientEmail,
            BillingMode billingMode, Long senderSubscriptionId, Instant createdAt, Instant expiresAt,
            String idempotencyKey) {
        this.id = Objects.requireNonNull(id);
        this.accountId = Objects.requireNonNull(accountId);
        this.accountName = Objects.requireNonNull(accountName);
        this.senderId = Objects.requireNonNull(senderId);
        this.recipientEmail = Objects.requireNonNull(recipientEmail);
        this.billingMode = Objects.requireNonNull(billingMode);
        this.senderSubscriptionId = Objects.requireNonNull(senderSubscriptionId);
        this.status = TransferStatus.PENDING;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
        this.idempotencyKey = idempotencyKey;
    }

    void accept(Long recipientProfileId, Instant at) {
        requireOpen("accepted", at);
        this.status = TransferStatus.ACCEPTED;
        this.recipientId = Objects.requireNonNull(recipientProfileId);
        this.decidedAt = at;
    }

    void decline(Long recipientProfileId, String reason, Instant at) {
        requireOpen("declined", at);
        this.status = TransferStatus.DECLINED;
        this.recipientId = recipientProfileId;
        this.declineReason = reason == null || reason.isBlank() ? null : reason.strip();
        this.decidedAt = at;
    }

    void cancel(Instant at) {
        requirePending("cancelled");
        this.status = TransferStatus.CANCELLED;
        this.decidedAt = at;
    }

    void expire(Instant at) {
        requirePending("expired");
        this.status = TransferStatus.EXPIRED;
        this.decidedAt = at;
    }

    void requireAccepted() {
        if (status != TransferStatus.ACCEPTED) {
            throw new IllegalStateException("transfer " + id + " is " + status + ", not ACCEPTED,"
                    + " so its account is not handed over");
        }
    }

    void ownershipMoved(Long recipientSubscriptionId) {
        requireAccepted();
        this.recipientSubscriptionId = Objects.requireNonNull(recipientSubscriptionId);
    }

    void complete(Instant at) {
        if (status == TransferStatus.COMPLETED) {
            return;
        }
        if (status != TransferStatus.ACCEPTED || recipientSubscriptionId == null) {
            throw new IllegalStateException("transfer " + id + " cannot complete from " + status);
        }
        this.status = TransferStatus.COMPLETED;
        this.completedAt = at;
    }

    void startedAs(String processInstanceId) {
        this.processInstanceId = processInstanceId;
    }

    /** Pending and not past its expiry, even when the expiry timer has not fired yet. */
    void requireOpen(String outcome, Instant at) {
        requirePending(outcome);
        if (!at.isBefore(expiresAt)) {
            throw new ConflictException("Transfer " + id + " expired at " + expiresAt + " and can no longer be "
                    + outcome + ".");
        }
    }

    private void requirePending(String outcome) {
        if (status != TransferStatus.PENDING) {
            throw new ConflictException("Transfer " + id + " is " + status.name().toLowerCase(java.util.Locale.ROOT)
                    + " and can no longer be " + outcome + ".");
        }
    }

    public boolean isPending() {
        return status == TransferStatus.PENDING;
    }

    public boolean ownershipHasMoved() {
        return recipientSubscriptionId != null;
    }

    public boolean isAddressedTo(String email) {
        return EmailAddress.same(recipientEmail, email);
    }

    public UUID id() {
        return id;
    }

    public Long accountId() {
        return accountId;
    }

    public String accountName() {
        return accountName;
    }

    public Long senderId() {
        return senderId;
    }

    public String recipientEmail() {
        return recipientEmail;
    }

    public Long recipientId() {
        return recipientId;
    }

    public BillingMode billingMode() {
        return billingMode;
    }

    public TransferStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant decidedAt() {
        return decidedAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public String declineReason() {
        return declineReason;
    }

    public String processInstanceId() {
        return processInstanceId;
    }

    public String idempotencyKey() {
        return idempotencyKey;
    }

    public Long senderSubscriptionId() {
        return senderSubscriptionId;
    }

    public Long recipientSubscriptionId() {
        return recipientSubscriptionId;
    }
}
