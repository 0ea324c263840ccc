package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.notification.Mailer;
import net.hosting.accounttransfer.notification.OutgoingMail;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** What staff alert on, as Prometheus scrapes it: transfers by status, money charged and refunded, mail failures, incidents. */
class MetricsIntegrationTests extends IntegrationTest {

    // the gauges and counters read the database at most every 10 s
    private static final Duration REFRESH = Duration.ofSeconds(25);

    @Autowired
    Mailer mailer;

    @Test
    void everyAlertingMetricIsScrapedByStaff() {
        String scrape = staff().get("/actuator/prometheus").body();
        assertThat(scrape).contains("transfers{status=\"PENDING\"}", "transfers{status=\"COMPLETED\"}",
                "billing_charged_total{currency=\"EUR\"}", "billing_refunded_total{currency=\"EUR\"}",
                "transfer_incidents_open ");
    }

    @Test
    void aPaidAccountAndItsTransferMoveTheMoneyAndStatusFigures() {
        double charged = value("billing_charged_total{currency=\"EUR\"}");
        double refunded = value("billing_refunded_total{currency=\"EUR\"}");
        double pending = value("transfers{status=\"PENDING\"}");
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        String account = fixtures.paidAccount(alice, "30.00", BillingCycle.MONTHLY, 0).name();

        api.as(alice.email(), Fixtures.PASSWORD).post("/api/transfers",
                Map.of("account", account, "recipientEmail", bob.email(), "billingMode", "IMMEDIATE"));

        await().atMost(REFRESH).untilAsserted(() -> {
            assertThat(value("billing_charged_total{currency=\"EUR\"}")).isGreaterThanOrEqualTo(charged + 30.00);
            assertThat(value("transfers{status=\"PENDING\"}")).isGreaterThanOrEqualTo(pending + 1);
        });
        assertThat(value("billing_refunded_total{currency=\"EUR\"}")).isGreaterThanOrEqualTo(refunded);
    }

    @Test
    void aMailTheServerCannotTakeIsCountedAsAFailure() {
        double failures = valueOr("mail_failures_total{template=\"cancelled\"}", 0);
        OutgoingMail mail = new OutgoingMail("test:metrics:" + Fixtures.unique(), "nobody@example.test",
                Locale.ENGLISH, "cancelled", Map.of("transferId", "t", "accountName", "acct", "audience", "recipient",
                        "senderEmail", "a@example.test", "recipientEmail", "nobody@example.test"));
        SMTP.stop();
        try {
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(RuntimeException.class);
        } finally {
            SMTP.start();
        }
        assertThat(value("mail_failures_total{template=\"cancelled\"}")).isEqualTo(failures + 1);
    }

    private Api staff() {
        return api.as("admin", "admin");
    }

    private double value(String series) {
        double value = valueOr(series, Double.NaN);
        assertThat(value).as(series + " in the scrape").isNotNaN();
        return value;
    }

    private double valueOr(String series, double absent) {
        Api.Reply scrape = staff().get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape.body());
        return line.find() ? Double.parseDouble(line.group(1)) : absent;
    }
}
