package net.hosting.accounttransfer.support;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/** What reached the test SMTP server, read as a person would: who, subject, text, and the links in it. */
public class Mailbox {

    /** One received mail. */
    public record Mail(String to, String subject, String text, String html) {

        private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+");

        /** The first absolute link in the plain-text part. */
        public String link() {
            Matcher matcher = LINK.matcher(text);
            if (!matcher.find()) {
                throw new AssertionError("no link in mail '" + subject + "':\n" + text);
            }
            return matcher.group();
        }

        /** The link's path and query, to call on the test server whatever app.public-url says. */
        public String linkPath() {
            return link().substring(IntegrationTest.PUBLIC_URL.length());
        }
    }

    /** A received mail's envelope: its key (the X-Mail-Key header), its Message-ID and its recipient. */
    public record Envelope(String key, String messageId, String to) {
    }

    public void clear() {
        try {
            IntegrationTest.SMTP.purgeEmailFromAllMailboxes();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public List<Mail> all() {
        return Arrays.stream(IntegrationTest.SMTP.getReceivedMessages()).map(Mailbox::read).toList();
    }

    /** Every mail received, read no further than its headers (cheap for thousands of mails). */
    public List<Envelope> envelopes() {
        return Arrays.stream(IntegrationTest.SMTP.getReceivedMessages()).map(message -> {
            try {
                return new Envelope(message.getHeader("X-Mail-Key", null), message.getMessageID(),
                        message.getAllRecipients()[0].toString());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    public List<Mail> to(String recipient) {
        return all().stream().filter(mail -> mail.to().equalsIgnoreCase(recipient)).toList();
    }

    /** Waits until {@code count} mails have arrived in all, then returns them. */
    public List<Mail> await(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> all().size() >= count);
        return all();
    }

    /** Waits for a mail to {@code recipient} whose subject contains {@code subjectPart}. */
    public Mail awaitMail(String recipient, String subjectPart) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> to(recipient).stream()
                .anyMatch(mail -> mail.subject().contains(subjectPart)));
        return to(recipient).stream().filter(mail -> mail.subject().contains(subjectPart)).findFirst().orElseThrow();
    }

    private static Mail read(MimeMessage message) {
        try {
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(),
                    part(message, "text/plain"), part(message, "text/html"));
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String part(Part part, String type) throws MessagingException, IOException {
        if (part.isMimeType(type)) {
            return GreenMailUtil.getBody(part).isEmpty() ? "" : String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
