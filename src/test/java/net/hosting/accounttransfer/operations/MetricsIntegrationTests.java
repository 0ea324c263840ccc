package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.notification.Mailer;
import net.hosting.accounttransfer.notification.OutgoingMail;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.actuate.metrics.data.MetricsRepositoryMethodInvocationListener;
import org.springframework.context.ApplicationContext;

/**
 * What staff alert on, as Prometheus scrapes it: transfers by status, money charged and refunded, mail failures,
 * incidents. Tests read the database on every scrape ({@code *.metrics-max-age=0}), so a figure is exact at once.
 */
class MetricsIntegrationTests extends FixedDateIntegrationTest {

    private static final String CHARGED = "billing_charged_total{currency=\"EUR\"}";
    private static final String REFUNDED = "billing_refunded_total{currency=\"EUR\"}";
    private static final String PENDING = "transfers{status=\"PENDING\"}";

    @Autowired
    Mailer mailer;

    @Autowired
    ApplicationContext context;

    @Test
    void everyAlertingMetricIsScrapedByStaff() {
        String scrape = staff().get("/actuator/prometheus").body();
        assertThat(scrape).contains("transfers{status=\"PENDING\"}", "transfers{status=\"COMPLETED\"}",
                CHARGED, REFUNDED, "transfer_incidents_open ");
    }

    @Test
    void repositoryCallsAreNeitherTimedNorWatched() {
        // a listener around each of the 20 repository calls of a transfer costs CPU even with its timers off
        assertThat(context.getBeanNamesForType(MetricsRepositoryMethodInvocationListener.class)).isEmpty();
        assertThat(staff().get("/actuator/prometheus").body()).doesNotContain("spring_data_repository_invocations");
    }

    @Test
    void anImmediateTransferAddsTheRecipientsInvoiceAndTheSendersRefund() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        // [15 Feb, 15 Mar 2028) is 29 days; accepted on 29 Feb, the sender gets 15 of them back
        String account = fixtures.paidAccount(alice, "30.00", BillingCycle.MONTHLY, LocalDate.parse("2028-02-15")).name();
        BigDecimal charged = value(CHARGED);
        BigDecimal refunded = value(REFUNDED);
        BigDecimal pending = value(PENDING);

        UUID transfer = TransfersByApi.start(api.as(alice.email(), Fixtures.PASSWORD), account, bob.email(), "IMMEDIATE");
        assertThat(value(PENDING)).isEqualByComparingTo(pending.add(BigDecimal.ONE));

        TransfersByApi.accept(api.as(bob.email(), Fixtures.PASSWORD), transfer);
        TransfersByApi.awaitStatus(api.as(alice.email(), Fixtures.PASSWORD), transfer, "COMPLETED");

        assertThat(value(PENDING)).isEqualByComparingTo(pending);
        // totals with VAT, both French at 20%: Bob's first month [29 Feb, 29 Mar), 30.00 + 6.00; back to Alice
        // 30.00 × 15/29 = 15.517… → 15.52 net, and 15.52 × 0.20 = 3.104 → 3.10 VAT
        assertThat(value(CHARGED)).isEqualByComparingTo(charged.add(new BigDecimal("36.00")));
        assertThat(value(REFUNDED)).isEqualByComparingTo(refunded.add(new BigDecimal("18.62")));
    }

    @Test
    void aMailTheServerCannotTakeIsCountedAsAFailure() {
        BigDecimal failures = valueOr("mail_failures_total{template=\"cancelled\"}", BigDecimal.ZERO);
        OutgoingMail mail = new OutgoingMail("test:metrics:" + Fixtures.unique(), "nobody@example.test",
                Locale.ENGLISH, "cancelled", Map.of("transferId", "t", "accountName", "acct", "audience", "recipient",
                        "senderEmail", "a@example.test", "recipientEmail", "nobody@example.test"));
        SMTP.stop();
        try {
            assertThatThrownBy(() -> mailer.send(mail)).isInstanceOf(RuntimeException.class);
        } finally {
            SMTP.start();
        }
        assertThat(value("mail_failures_total{template=\"cancelled\"}")).isEqualByComparingTo(failures.add(BigDecimal.ONE));
    }

    private Api staff() {
        return api.as("admin", "admin");
    }

    private BigDecimal value(String series) {
        BigDecimal value = valueOr(series, null);
        assertThat(value).as(series + " in the scrape").isNotNull();
        return value;
    }

    private BigDecimal valueOr(String series, BigDecimal absent) {
        Api.Reply scrape = staff().get("/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape.body());
        return line.find() ? new BigDecimal(line.group(1)) : absent;
    }
}
