package net.hosting.accounttransfer.history;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** A support ticket opened by a profile, possibly about one of its accounts. */
@Entity
public class Ticket {

    /** The width of {@code subject}. */
    public static final int MAX_SUBJECT_LENGTH = 200;
    /** The width of {@code message}. */
    public static final int MAX_MESSAGE_LENGTH = 5000;

    /** Whether support still works on it. */
    public enum Status { OPEN, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "profile_id")
    private Long profileId;

    @Column(name = "account_id")
    private Long accountId;

    @Column(name = "account_name")
    private String accountName;

    private String subject;
    private String message;

    @Enumerated(EnumType.STRING)
    private Status status;

    @Column(name = "created_at")
    private Instant createdAt;

    protected Ticket() {
    }

    Ticket(Long profileId, Long accountId, String accountName, String subject, String message, Instant createdAt) {
        if (subject == null || subject.isBlank() || subject.strip().length() > MAX_SUBJECT_LENGTH) {
            throw new IllegalArgumentException("a ticket needs a subject of 1 to " + MAX_SUBJECT_LENGTH + " characters");
        }
        if (message == null || message.isBlank() || message.strip().length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("a ticket needs a message of 1 to " + MAX_MESSAGE_LENGTH + " characters");
        }
        this.profileId = profileId;
        this.accountId = accountId;
        this.accountName = accountName;
        this.subject = subject.strip();
        this.message = message.strip();
        this.status = Status.OPEN;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public Long profileId() {
        return profileId;
    }

    public Long accountId() {
        return accountId;
    }

    public String accountName() {
        return accountName;
    }

    public String subject() {
        return subject;
    }

    public String message() {
        return message;
    }

    public Status status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
