package net.hosting.accounttransfer.notification;

import java.time.Instant;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Keys of the mails already sent. */
interface SentMailRepository extends Repository<SentMail, Long> {

    SentMail saveAndFlush(SentMail mail);

    @Query("select count(m) > 0 from SentMail m where m.idempotencyKey = ?1")
    boolean existsByKey(String idempotencyKey);

    /** The record of a mail that went out, unless it is there already; 1 if written now, else 0. */
    @Modifying
    @Query(value = "insert into sent_mail (idempotency_key, recipient, subject, sent_at) values (?1, ?2, ?3, ?4)"
            + " on conflict (idempotency_key) do nothing", nativeQuery = true)
    int insertUnlessPresent(String idempotencyKey, String recipient, String subject, Instant sentAt);
}
