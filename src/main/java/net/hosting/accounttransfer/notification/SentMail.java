package net.hosting.accounttransfer.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import java.time.Instant;

/** The record that a mail went out, whose unique key stops a retried step from sending it again. */
@Entity
class SentMail {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    private String recipient;
    private String subject;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected SentMail() {
    }

    SentMail(String idempotencyKey, String recipient, String subject, Instant sentAt) {
        this.idempotencyKey = idempotencyKey;
        this.recipient = recipient;
        this.subject = subject.length() <= 300 ? subject : subject.substring(0, 300);
        this.sentAt = sentAt;
    }

    String idempotencyKey() {
        return idempotencyKey;
    }

    String recipient() {
        return recipient;
    }

    String subject() {
        return subject;
    }

    Instant sentAt() {
        return sentAt;
    }
}
