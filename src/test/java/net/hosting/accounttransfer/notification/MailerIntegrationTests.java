package net.hosting.accounttransfer.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.TaxedAmount;
import net.hosting.accounttransfer.billing.VatTreatment;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Every transfer mail renders in French and English, as HTML with a plain-text alternative, and goes out once. */
class MailerIntegrationTests extends IntegrationTest {

    private static final List<String> TEMPLATES = List.of("offer", "reminder", "accepted-at-renewal", "completed",
            "declined", "cancelled", "expired", "billed-at-renewal", "previous-payer-refunded");

    @Autowired
    Mailer mailer;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    JavaMailSenderImpl sender;

    @Autowired
    PlatformTransactionManager transactions;

    static List<Arguments> everyTemplateAudienceAndLanguage() {
        return TEMPLATES.stream().flatMap(template -> List.of("sender", "recipient").stream()
                .flatMap(audience -> List.of(Locale.FRENCH, Locale.ENGLISH).stream()
                        .map(locale -> Arguments.of(template, audience, locale)))).toList();
    }

    @ParameterizedTest(name = "{0} to the {1} in {2}")
    @MethodSource("everyTemplateAudienceAndLanguage")
    void everyMailRendersCompletelyInBothFormats(String template, String audience, Locale locale) throws Exception {
        String transferId = "5b0c3c1e-" + Fixtures.unique().substring(0, 4) + "-4d7a-9a55-0c9d2f3e1a77";
        String to = "reader-" + Fixtures.unique() + "@example.test";

        assertThat(mailer.send(new OutgoingMail("test:" + transferId, to, locale, template,
                model(transferId, audience)))).isTrue();

        Mailbox.Mail mail = mailbox.awaitMail(to, "alice-site");
        assertThat(mail.text()).as("plain text").contains(transferId).doesNotContain("??", "[(", "${", "#{");
        assertThat(mail.html()).as("html").contains(transferId).doesNotContain("??", "th:", "${", "#{");
        assertThat(mail.subject()).doesNotContain("??");
        MimeMessage message = SMTP.getReceivedMessagesForDomain(to)[0];
        assertThat(message.getContentType()).startsWith("multipart/");
        String french = mail.subject() + mail.text();
        if (locale == Locale.FRENCH) {
            assertThat(french).containsAnyOf("compte", "Compte").doesNotContain("Hello");
        } else {
            assertThat(french).contains("Hello").doesNotContain("Bonjour");
        }
    }

    static List<Arguments> everyProfileMailAndLanguage() {
        return List.of("email-confirm", "email-taken", "email-change-notice").stream()
                .flatMap(template -> List.of(Locale.FRENCH, Locale.ENGLISH).stream()
                        .map(locale -> Arguments.of(template, locale))).toList();
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("everyProfileMailAndLanguage")
    void everyEmailChangeMailRendersCompletelyInBothFormats(String template, Locale locale) throws Exception {
        String to = "reader-" + Fixtures.unique() + "@example.test";
        String link = PUBLIC_URL + "/profile/email/confirm?token=" + "t".repeat(43);
        Map<String, Object> model = new HashMap<>();
        model.put("name", "Carol Martin");
        model.put("currentEmail", "carol@example.com");
        model.put("newEmail", "carol.new@example.com");
        model.put("expiresAt", Instant.parse("2027-01-10T09:00:00Z"));
        if (template.equals("email-confirm")) {
            model.put("link", link);
        }

        assertThat(mailer.send(new OutgoingMail("test:" + to, to, locale, template, model))).isTrue();

        Mailbox.Mail mail = mailbox.awaitMail(to, "");
        assertThat(mail.text()).as("plain text").doesNotContain("??", "[(", "${", "#{", "null");
        assertThat(mail.html()).as("html").doesNotContain("??", "th:", "${", "#{");
        if (template.equals("email-confirm")) {
            // S9: fixed text and the link, nothing the requester typed, whatever the model holds
            assertThat(mail.text() + mail.html()).doesNotContain("Carol Martin", "carol@example.com",
                    "carol.new@example.com");
        } else {
            assertThat(mail.text()).as("plain text").contains("carol.new@example.com");
            assertThat(mail.html()).as("html").contains("carol.new@example.com");
        }
        assertThat(mail.subject()).doesNotContain("??", "{0}");
        assertThat(SMTP.getReceivedMessagesForDomain(to)[0].getContentType()).startsWith("multipart/");
        if (template.equals("email-confirm")) {
            assertThat(mail.link()).isEqualTo(link);
            assertThat(mail.html()).contains("href=\"" + link + "\"");
        } else {
            assertThat(mail.text()).as("only the confirmation carries a link").doesNotContain("http");
        }
        if (locale == Locale.FRENCH) {
            assertThat(mail.subject() + mail.text()).contains("email").doesNotContain("Hello");
        } else {
            assertThat(mail.subject() + mail.text()).contains("Hello").doesNotContain("Bonjour");
        }
    }

    @Test
    void moneyAndDatesAreWrittenTheWayTheReaderWritesThem() {
        String id = "0d6a9c0e-1111-4d7a-9a55-" + Fixtures.unique() + "0000";
        mailer.send(new OutgoingMail("test:fr:" + id, "fr-" + id + "@example.test", Locale.FRENCH, "offer",
                model(id, "recipient")));
        mailer.send(new OutgoingMail("test:en:" + id, "en-" + id + "@example.test", Locale.ENGLISH, "offer",
                model(id, "recipient")));
        assertThat(mailbox.awaitMail("fr-" + id + "@example.test", "alice-site").text())
                .contains("11,99\u00a0€ TTC (9,99\u00a0€ HT + TVA 20\u00a0% 2,00\u00a0€)").contains("15 janvier 2027");
        assertThat(mailbox.awaitMail("en-" + id + "@example.test", "alice-site").text())
                .contains("€11.99 incl. VAT (€9.99 excl. VAT + VAT 20% €2.00)").contains("January 15, 2027");
    }

    /** The session of the service's mail sender, with its write timeout (SharedMailWriteTimerTests for why). */
    @Test
    void theMailSenderSharesOneTimerForItsWriteTimeouts() {
        var session = sender.getSession().getProperties();

        assertThat(session.getProperty("mail.smtp.writetimeout")).isEqualTo("10000");
        assertThat(session.get("mail.smtp.executor.writetimeout")).isInstanceOf(ScheduledExecutorService.class);
    }

    @Test
    void aKeyThatWasUsedSendsNothingTheSecondTime() {
        String to = "once-" + Fixtures.unique() + "@example.test";
        OutgoingMail mail = new OutgoingMail("test:once:" + to, to, Locale.ENGLISH, "cancelled",
                model("9f1c2d3e-0000-4d7a-9a55-0c9d2f3e1a77", "recipient"));

        assertThat(mailer.send(mail)).isTrue();
        assertThat(mailer.send(mail)).isFalse();
        mailbox.awaitMail(to, "cancelled");
        assertThat(mailbox.to(to)).hasSize(1);
        assertThat(mailer.alreadySent(mail.idempotencyKey())).isTrue();
    }

    @Test
    void aMailThatWentOutStaysRecordedWhenItsTransactionThenRollsBack() {
        String to = "kept-" + Fixtures.unique() + "@example.test";
        OutgoingMail mail = new OutgoingMail("test:kept:" + to, to, Locale.ENGLISH, "cancelled",
                model("9f1c2d3e-2222-4d7a-9a55-0c9d2f3e1a77", "recipient"));

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(mailer.send(mail)).isTrue();
            throw new IllegalStateException("a later statement of the step failed");
        })).hasMessage("a later statement of the step failed");

        assertThat(mailer.alreadySent(mail.idempotencyKey())).as("recorded after the rollback").isTrue();
        assertThat(mailer.send(mail)).as("the retry").isFalse();
        mailbox.awaitMail(to, "cancelled");
        assertThat(mailbox.to(to)).hasSize(1);
    }

    @Test
    void aMailVoidedByRollbackGoesOutAgainAfterItsTransactionRolledBack() {
        String to = "void-" + Fixtures.unique() + "@example.test";
        OutgoingMail mail = new OutgoingMail("test:void:" + to, to, Locale.ENGLISH, "offer",
                model("9f1c2d3e-3333-4d7a-9a55-0c9d2f3e1a77", "recipient"));

        assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            assertThat(mailer.sendVoidedByRollback(mail)).isTrue();
            throw new IllegalStateException("the link's token did not commit");
        })).hasMessage("the link's token did not commit");

        assertThat(mailer.alreadySent(mail.idempotencyKey())).isFalse();
        assertThat(mailer.sendVoidedByRollback(mail)).as("the retry").isTrue();
        await().until(() -> mailbox.to(to).size() == 2);
        assertThat(mailer.alreadySent(mail.idempotencyKey())).isTrue();
    }

    @Test
    void aMailSentAgainAfterItsKeyWasLostIsTheSameMessage() throws Exception {
        String to = "again-" + Fixtures.unique() + "@example.test";
        OutgoingMail mail = new OutgoingMail("test:again:" + to, to, Locale.ENGLISH, "cancelled",
                model("9f1c2d3e-1111-4d7a-9a55-0c9d2f3e1a77", "recipient"));
        OutgoingMail other = new OutgoingMail("test:other:" + to, to, Locale.ENGLISH, "declined",
                model("9f1c2d3e-1111-4d7a-9a55-0c9d2f3e1a77", "sender"));

        assertThat(mailer.send(mail)).isTrue();
        // the send went out, then its step lost the commit of the key (a database failure): the retry sends again
        jdbc.update("delete from sent_mail where idempotency_key = ?", mail.idempotencyKey());
        assertThat(mailer.send(mail)).isTrue();
        assertThat(mailer.send(other)).isTrue();

        List<String> ids = new ArrayList<>();
        await().until(() -> SMTP.getReceivedMessagesForDomain(to).length == 3);
        for (MimeMessage message : SMTP.getReceivedMessagesForDomain(to)) {
            ids.add(message.getMessageID());
        }
        assertThat(ids.get(0)).as("the repeat carries the first copy's Message-ID").isEqualTo(ids.get(1))
                .isEqualTo(mailer.messageId(mail.idempotencyKey())).matches("<[0-9a-f]{40}@hosting\\.example>");
        assertThat(ids.get(2)).as("another key, another message").isNotEqualTo(ids.get(0));
    }

    private static Map<String, Object> model(String transferId, String audience) {
        Map<String, Object> model = new HashMap<>();
        model.put("transferId", transferId);
        model.put("accountName", "alice-site");
        model.put("senderName", "Alice Martin");
        model.put("senderEmail", "alice@example.com");
        model.put("recipientEmail", "bob@example.com");
        model.put("billingMode", "AT_RENEWAL");
        model.put("expiresAt", Instant.parse("2027-01-10T09:00:00Z"));
        model.put("link", PUBLIC_URL + "/transfers/" + transferId + "?token=abc");
        model.put("audience", audience);
        model.put("charge", new TaxedAmount(Money.euros("9.99"), new java.math.BigDecimal("20"), Money.euros("2.00"),
                VatTreatment.DOMESTIC));
        model.put("chargeDate", LocalDate.of(2027, 1, 15));
        model.put("refund", new TaxedAmount(Money.euros("4.83"), new java.math.BigDecimal("20"), Money.euros("0.97"),
                VatTreatment.DOMESTIC));
        model.put("creditNoteNumber", "2027-000002");
        model.put("invoiceNumber", "2027-000001");
        model.put("periodStart", LocalDate.of(2027, 1, 15));
        model.put("periodEnd", LocalDate.of(2027, 2, 15));
        model.put("declineReason", "Not needed any more");
        model.put("days", 31L);
        return model;
    }
}
