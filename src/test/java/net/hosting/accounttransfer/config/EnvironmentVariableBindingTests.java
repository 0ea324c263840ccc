package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** The variables the README and docker-compose.yml name reach our typed settings, spelled as operators write them. */
class EnvironmentVariableBindingTests {

    @Test
    void operatorsVariablesBindToTheTypedSettings() {
        Binder binder = binderOver(Map.of(
                "APP_PUBLIC_URL", "https://transfers.hosting.example",
                "APP_MAIL_FROM", "Hosting <cessions@hosting.example>",
                "TRANSFER_EXPIRY", "P10D",
                "TRANSFER_REMINDER_BEFORE", "P2D",
                "TRANSFER_RETRY_CYCLE", "R7/PT1M",
                "TRANSFER_MAX_OFFERS_PER_DAY", "5",
                "BILLING_ZONE", "Europe/Brussels"));

        AppProperties app = binder.bindOrCreate("app", AppProperties.class);
        TransferProperties transfer = binder.bindOrCreate("transfer", TransferProperties.class);
        BillingProperties billing = binder.bindOrCreate("billing", BillingProperties.class);

        assertThat(app.publicUrl()).isEqualTo(URI.create("https://transfers.hosting.example"));
        assertThat(app.mailFrom()).isEqualTo("Hosting <cessions@hosting.example>");
        assertThat(transfer.expiry()).isEqualTo(Duration.ofDays(10));
        assertThat(transfer.reminderBefore()).isEqualTo(Duration.ofDays(2));
        assertThat(transfer.retryCycle()).isEqualTo("R7/PT1M");
        assertThat(transfer.maxOffersPerDay()).isEqualTo(5);
        assertThat(billing.zone()).isEqualTo(ZoneId.of("Europe/Brussels"));
    }

    @Test
    void withoutVariablesTheProductDefaultsApply() {
        Binder binder = binderOver(Map.of());
        TransferProperties transfer = binder.bindOrCreate("transfer", TransferProperties.class);
        assertThat(transfer.expiry()).isEqualTo(Duration.ofDays(14));
        assertThat(transfer.reminderBefore()).isEqualTo(Duration.ofDays(3));
        assertThat(transfer.maxOffersPerDay()).isEqualTo(20);
        assertThat(binder.bindOrCreate("billing", BillingProperties.class).zone()).isEqualTo(ZoneId.of("Europe/Paris"));
    }

    private static Binder binderOver(Map<String, Object> variables) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        ConfigurationPropertySources.attach(environment);
        return Binder.get(environment);
    }
}
