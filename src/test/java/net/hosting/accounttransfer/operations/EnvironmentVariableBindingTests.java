package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.notification.AppProperties;
import net.hosting.accounttransfer.transfer.TransferProperties;
import net.hosting.accounttransfer.support.ShippedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/**
 * The variables the README and docker-compose.yml name reach what reads them, spelled as operators write them:
 * the typed settings of each feature, and the engine's retry cycle through application.yaml.
 */
class EnvironmentVariableBindingTests {

    /** Where application.yaml hands {@code transfer.retry-cycle} to Camunda, the only reader of it. */
    private static final String ENGINE_RETRY_CYCLE = "camunda.bpm.generic-properties.properties.failed-job-retry-time-cycle";

    @Test
    void operatorsVariablesBindToTheTypedSettings() {
        StandardEnvironment environment = ShippedSettings.environmentOver(Map.of(
                "APP_PUBLIC_URL", "https://transfers.hosting.example",
                "APP_MAIL_FROM", "Hosting <cessions@hosting.example>",
                "TRANSFER_EXPIRY", "P10D",
                "TRANSFER_REMINDER_BEFORE", "P2D",
                "TRANSFER_RETRY_CYCLE", "R7/PT1M",
                "TRANSFER_MAX_OFFERS_PER_DAY", "5",
                "TRANSFER_METRICS_MAX_AGE", "PT30S",
                "BILLING_ZONE", "Europe/Brussels",
                "BILLING_METRICS_MAX_AGE", "PT1M"));
        Binder binder = Binder.get(environment);

        AppProperties app = binder.bindOrCreate("app", AppProperties.class);
        TransferProperties transfer = binder.bindOrCreate("transfer", TransferProperties.class);
        BillingProperties billing = binder.bindOrCreate("billing", BillingProperties.class);

        assertThat(app.publicUrl()).isEqualTo(URI.create("https://transfers.hosting.example"));
        assertThat(app.mailFrom()).isEqualTo("Hosting <cessions@hosting.example>");
        assertThat(transfer.expiry()).isEqualTo(Duration.ofDays(10));
        assertThat(transfer.reminderBefore()).isEqualTo(Duration.ofDays(2));
        assertThat(environment.getProperty(ENGINE_RETRY_CYCLE)).isEqualTo("R7/PT1M");
        assertThat(transfer.maxOffersPerDay()).isEqualTo(5);
        assertThat(transfer.metricsMaxAge()).isEqualTo(Duration.ofSeconds(30));
        assertThat(billing.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
        assertThat(billing.metricsMaxAge()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void withoutVariablesTheProductDefaultsApply() {
        StandardEnvironment environment = ShippedSettings.environmentOver(Map.of());
        Binder binder = Binder.get(environment);
        TransferProperties transfer = binder.bindOrCreate("transfer", TransferProperties.class);
        assertThat(transfer.expiry()).isEqualTo(Duration.ofDays(14));
        assertThat(transfer.reminderBefore()).isEqualTo(Duration.ofDays(3));
        assertThat(transfer.maxOffersPerDay()).isEqualTo(20);
        assertThat(transfer.metricsMaxAge()).isEqualTo(Duration.ofSeconds(10));
        assertThat(environment.getProperty(ENGINE_RETRY_CYCLE)).isEqualTo("R5/PT5M");
        BillingProperties billing = binder.bindOrCreate("billing", BillingProperties.class);
        assertThat(billing.zone()).isEqualTo(ZoneId.of("Europe/Paris"));
        assertThat(billing.metricsMaxAge()).isEqualTo(Duration.ofSeconds(10));
    }
}
