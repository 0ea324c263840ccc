package net.hosting.accounttransfer.notification;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.config.AppProperties;
import org.springframework.context.MessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/** Renders a mail in its reader's language, as HTML with a plain-text alternative, and sends it at most once. */
@Service
public class Mailer {

    private final JavaMailSender sender;
    private final ITemplateEngine templates;
    private final MessageSource messages;
    private final SentMailRepository sent;
    private final BillingCalendar calendar;
    private final String from;

    Mailer(JavaMailSender sender, ITemplateEngine templates, MessageSource messages, SentMailRepository sent,
            BillingCalendar calendar, AppProperties app) {
        this.sender = sender;
        this.templates = templates;
        this.messages = messages;
        this.sent = sent;
        this.calendar = calendar;
        this.from = app.mailFrom();
    }

    @Transactional(readOnly = true)
    public boolean alreadySent(String idempotencyKey) {
        return sent.existsByKey(idempotencyKey);
    }

    /**
     * Sends the mail unless its key was used before; returns whether it went out now. The key is written
     * before the send, so a concurrent duplicate waits on the unique index and then fails, and a failed send
     * rolls the key back for the retry.
     */
    @Transactional
    public boolean send(OutgoingMail mail) {
        if (sent.existsByKey(mail.idempotencyKey())) {
            return false;
        }
        Map<String, Object> model = new HashMap<>(mail.model());
        model.put("fmt", new MailFormat(mail.locale(), calendar.zone()));
        Context context = new Context(mail.locale(), model);
        String subject = messages.getMessage("mail." + mail.template() + ".subject",
                new Object[] {model.get("accountName")}, mail.locale());
        String html = templates.process("mail/" + mail.template(), context);
        String text = templates.process("mail/" + mail.template() + ".txt", context);
        sent.saveAndFlush(new SentMail(mail.idempotencyKey(), mail.to(), subject, calendar.now()));
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED,
                    "UTF-8");
            helper.setFrom(from);
            helper.setTo(mail.to());
            helper.setSubject(subject);
            helper.setText(text, html);
            message.setHeader("X-Mail-Key", mail.idempotencyKey());
            sender.send(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("could not compose mail " + mail.idempotencyKey(), e);
        }
        return true;
    }
}
