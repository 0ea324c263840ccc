package net.hosting.accounttransfer.profile;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** A new email a profile asked for, which takes effect only once the link mailed to it is opened (PRODUCT.md S1). */
@Entity
@Table(name = "pending_email_change")
public class PendingEmailChange {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "profile_id")
    private Long profileId;

    @Column(name = "new_email")
    private String newEmail;

    @Column(name = "token_hash")
    private String tokenHash;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    @Column(name = "used_at")
    private Instant usedAt;

    protected PendingEmailChange() {
    }

    PendingEmailChange(Long profileId, EmailAddress newEmail, String tokenHash, Instant createdAt, Instant expiresAt) {
        this.profileId = Objects.requireNonNull(profileId);
        this.newEmail = newEmail.value();
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    public Long id() {
        return id;
    }

    public Long profileId() {
        return profileId;
    }

    public String newEmail() {
        return newEmail;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** Not used yet and not past its 24 hours. */
    boolean isOpen(Instant at) {
        return usedAt == null && at.isBefore(expiresAt);
    }

    /** Single use: once opened, whatever the outcome, the link is spent. */
    void use(Instant at) {
        if (usedAt != null) {
            throw new IllegalStateException("email change " + id + " was used at " + usedAt);
        }
        this.usedAt = Objects.requireNonNull(at);
    }
}
