package net.hosting.accounttransfer.notification;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Keys of the mails already sent. */
interface SentMailRepository extends Repository<SentMail, Long> {

    SentMail saveAndFlush(SentMail mail);

    @Query("select count(m) > 0 from SentMail m where m.idempotencyKey = ?1")
    boolean existsByKey(String idempotencyKey);
}
