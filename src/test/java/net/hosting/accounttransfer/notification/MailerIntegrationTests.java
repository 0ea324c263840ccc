package net.hosting.accounttransfer.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every transfer mail renders in French and English, as HTML with a plain-text alternative, and goes out once. */
class MailerIntegrationTests extends IntegrationTest {

    private static final List<String> TEMPLATES = List.of("offer", "reminder", "accepted-at-renewal", "completed",
            "declined", "cancelled", "expired", "billed-at-renewal", "previous-payer-refunded");

    @Autowired
    Mailer mailer;

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

    @Test
    void moneyAndDatesAreWrittenTheWayTheReaderWritesThem() {
        String id = "0d6a9c0e-1111-4d7a-9a55-" + Fixtures.unique() + "0000";
        mailer.send(new OutgoingMail("test:fr:" + id, "fr-" + id + "@example.test", Locale.FRENCH, "offer",
                model(id, "recipient")));
        mailer.send(new OutgoingMail("test:en:" + id, "en-" + id + "@example.test", Locale.ENGLISH, "offer",
                model(id, "recipient")));
        assertThat(mailbox.awaitMail("fr-" + id + "@example.test", "alice-site").text())
                .contains("9,99\u00a0€").contains("15 janvier 2027");
        assertThat(mailbox.awaitMail("en-" + id + "@example.test", "alice-site").text())
                .contains("€9.99").contains("January 15, 2027");
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
        model.put("charge", Money.euros("9.99"));
        model.put("chargeDate", LocalDate.of(2027, 1, 15));
        model.put("refund", Money.euros("4.83"));
        model.put("creditNoteNumber", "2027-000002");
        model.put("invoiceNumber", "2027-000001");
        model.put("periodStart", LocalDate.of(2027, 1, 15));
        model.put("periodEnd", LocalDate.of(2027, 2, 15));
        model.put("declineReason", "Not needed any more");
        model.put("days", 31L);
        return model;
    }
}
