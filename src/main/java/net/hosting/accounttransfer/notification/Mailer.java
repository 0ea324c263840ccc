package net.hosting.accounttransfer.notification;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingCalendar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a mail in its reader's language, as HTML with a plain-text alternative, and sends it at most once. */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);
    private static final String UTF_8 = StandardCharsets.UTF_8.name();

    static {
        // Jakarta Mail looks its stream provider up with a ServiceLoader scan of the whole classpath for every body
        // part it creates or writes (5% of all CPU under load); named here, it is one reflective construction
        System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
                "org.eclipse.angus.mail.util.MailStreamProvider");
    }

    private final JavaMailSender sender;
    private final Session session;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final SentMailRepository sent;
    private final BillingCalendar calendar;
    private final String from;
    private final String messageIdDomain;
    private final MeterRegistry meters;
    private final MailLinks links;
    private final TransactionTemplate ownTransaction;

    Mailer(JavaMailSender sender, ITemplateEngine templates, MessageSource messages, SentMailRepository sent,
            BillingCalendar calendar, AppProperties app, MeterRegistry meters, PlatformTransactionManager transactions) {
        this.sender = sender;
        this.session = sender.createMimeMessage().getSession();
        this.templates = templates;
        this.messages = messages;
        this.sent = sent;
        this.calendar = calendar;
        this.links = new MailLinks(app);
        this.from = app.mailFrom();
        this.meters = meters;
        this.messageIdDomain = domainOf(app.mailFrom());
        this.ownTransaction = new TransactionTemplate(transactions);
        // Spring's javadoc of afterCompletion: the caller's resources are still bound, so only a new transaction
        // writes for sure
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Transactional(readOnly = true)
    public boolean alreadySent(String idempotencyKey) {
        return sent.existsByKey(idempotencyKey);
    }

    /**
     * Sends the mail unless its key was used before; returns whether it went out now. The key is written
     * before the send, so a concurrent duplicate waits on the unique index and then fails, and a failed send
     * rolls the key back for the retry. A mail that went out stays recorded even when the caller's transaction
     * then rolls back, for any reason: see {@link KeepRecordOnRollback}.
     */
    @Transactional
    public boolean send(OutgoingMail mail) {
        return send(mail, true);
    }

    /**
     * Sends like {@link #send}, for a mail that carries something its caller's transaction writes (an accept
     * link's token): if that transaction does not commit, the mail is void, so its key goes back with the
     * transaction and the retry sends a fresh one, under the same Message-ID.
     */
    @Transactional
    public boolean sendVoidedByRollback(OutgoingMail mail) {
        return send(mail, false);
    }

    private boolean send(OutgoingMail mail, boolean keepRecordOnRollback) {
        if (sent.existsByKey(mail.idempotencyKey())) {
            return false;
        }
        Map<String, Object> model = new HashMap<>(mail.model());
        model.put("fmt", new ReaderFormat(mail.locale(), calendar.zone()));
        model.put("links", links);
        Context context = new Context(mail.locale(), model);
        String subject = messages.getMessage("mail." + mail.template() + ".subject",
                new Object[] {model.get("accountName")}, mail.locale());
        String html = templates.process("mail/" + mail.template(), context);
        String text = templates.process("mail/" + mail.template() + ".txt", context);
        SentMail record = new SentMail(mail.idempotencyKey(), mail.to(), subject, calendar.now());
        sent.saveAndFlush(record);
        try {
            sender.send(compose(mail, subject, text, html));
        } catch (MailException e) {
            failures(mail.template()).increment();
            throw e;
        } catch (MessagingException e) {
            throw new IllegalStateException("could not compose mail " + mail.idempotencyKey(), e);
        }
        if (keepRecordOnRollback) {
            TransactionSynchronizationManager.registerSynchronization(new KeepRecordOnRollback(record));
        }
        return true;
    }

    /**
     * HTML with a plain-text alternative, under the Message-ID of its key. Composed with Jakarta Mail itself:
     * Spring's {@code MimeMessageHelper} builds a new MIME type map from the classpath for every message that
     * {@code createMimeMessage()} did not create, which was 10% of all CPU under load (docs/performance.md).
     */
    private MimeMessage compose(OutgoingMail mail, String subject, String text, String html)
            throws MessagingException {
        MimeMessage message = new KeyedMessage(session, messageId(mail.idempotencyKey()));
        message.setFrom(new InternetAddress(from, true));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(mail.to(), true));
        message.setSubject(subject, UTF_8);
        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(text, UTF_8, "plain");
        MimeBodyPart rich = new MimeBodyPart();
        rich.setText(html, UTF_8, "html");
        // the last alternative is the one a client prefers when it can show it
        message.setContent(new MimeMultipart("alternative", plain, rich));
        message.setHeader("X-Mail-Key", mail.idempotencyKey());
        return message;
    }

    /** The counter {@code mail.failures{template}}: sends the SMTP server refused or that never reached it. */
    private Counter failures(String template) {
        return Counter.builder("mail.failures").tag("template", template)
                .description("Mails the SMTP server refused or could not be reached for; the step retries them")
                .register(meters);
    }

    /**
     * The Message-ID of the mail with this key, the same on every send: SMTP is not transactional, so a mail sent
     * just before its key's commit was lost goes out again, and mail clients then show the copy as the same message.
     */
    String messageId(String idempotencyKey) {
        return "<" + HexFormat.of().formatHex(sha256(idempotencyKey), 0, 20) + "@" + messageIdDomain + ">";
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    private static String domainOf(String from) {
        try {
            String address = new InternetAddress(from, true).getAddress();
            return address.substring(address.indexOf('@') + 1);
        } catch (AddressException e) {
            throw new IllegalStateException("app.mail-from is not an address: " + from, e);
        }
    }

    /**
     * Writes the record of a mail that went out again, in a transaction of its own, when the transaction that
     * sent it does not commit: a second mail of the step refused, a later statement failing, the commit failing.
     * The happy path pays nothing. By then that transaction has rolled back, so its row no longer holds the key
     * and the insert waits on nobody; after an unknown outcome the row may have committed, which the insert
     * tolerates. This runs on the sending thread before the caller sees its failure, so the retry of a step
     * (a job, locked by its executor until its failure is recorded, which comes after this) finds the record.
     * A mail that must go out again after a rollback (a fresh accept link) uses {@link #sendVoidedByRollback}.
     */
    private final class KeepRecordOnRollback implements TransactionSynchronization {

        private final SentMail record;

        KeepRecordOnRollback(SentMail record) {
            this.record = record;
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
                return;
            }
            try {
                ownTransaction.executeWithoutResult(writing -> sent.insertUnlessPresent(record.idempotencyKey(),
                        record.recipient(), record.subject(), record.sentAt()));
                log.info("Mail {} went out before its transaction rolled back; its record is kept",
                        record.idempotencyKey());
            } catch (RuntimeException e) {
                log.error("Mail {} went out but its transaction rolled back and its record could not be written: "
                        + "a retry of its step will send it again (same Message-ID)", record.idempotencyKey(), e);
            }
        }
    }

    /** Keeps the Message-ID it was given, where Jakarta Mail would set a random one on every send. */
    private static final class KeyedMessage extends MimeMessage {

        private final String messageId;

        KeyedMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
