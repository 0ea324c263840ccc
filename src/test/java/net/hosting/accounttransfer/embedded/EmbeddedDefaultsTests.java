package net.hosting.accounttransfer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The embedded default is what you get with no environment; a datasource URL switches to production. */
class EmbeddedDefaultsTests {

    @Test
    void noEnvironmentMeansEmbeddedDatabaseMailDemoDataAndTheDemoStaffUser() {
        StandardEnvironment environment = environment(Map.of());
        assertThat(environment.getProperty("app.embedded.database")).isEqualTo("true");
        assertThat(environment.getProperty("app.embedded.mail")).isEqualTo("true");
        assertThat(environment.getProperty("app.demo-data")).isEqualTo("true");
        assertThat(environment.getProperty("camunda.bpm.admin-user.id")).isEqualTo("admin");
        assertThat(environment.getProperty("camunda.bpm.admin-user.password")).isEqualTo("admin");
        // S12: /dev/mailbox shows every link, so nobody but this machine may reach it
        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void productionHasNoDemoDataAndNoDefaultStaffPassword() {
        StandardEnvironment environment = environment(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db:5432/transfers",
                "spring.mail.host", "smtp.internal",
                "CAMUNDA_ADMIN_USER", "opsteam",
                "CAMUNDA_ADMIN_PASSWORD", "s3cret-from-vault",
                "BILLING_SELLER_NAME", "Hébergeur SAS",
                "BILLING_SELLER_ADDRESS", "1 rue de Paris\n75001 Paris",
                "BILLING_SELLER_SIREN", "123456782",
                "BILLING_SELLER_VATNUMBER", "FR11123456782"));
        assertThat(environment.getProperty("app.embedded.database")).isEqualTo("false");
        assertThat(environment.getProperty("app.embedded.mail")).isEqualTo("false");
        assertThat(environment.getProperty("app.demo-data")).isNull();
        assertThat(environment.getProperty("server.address")).as("production listens where it is told").isNull();
        assertThat(environment.getProperty("camunda.bpm.admin-user.password")).isNotEqualTo("admin");
    }

    @Test
    void productionWithoutBothStaffVariablesIsRefusedNamingBoth() {
        // S2: without a staff user Camunda's first-user setup would be open to anyone
        assertThatThrownBy(() -> environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/t",
                "spring.mail.host", "smtp")))
                .isInstanceOf(ProductionSettingMissing.class)
                .hasMessageContaining("CAMUNDA_ADMIN_USER").hasMessageContaining("CAMUNDA_ADMIN_PASSWORD");
        assertThatThrownBy(() -> environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/t",
                "spring.mail.host", "smtp", "CAMUNDA_ADMIN_PASSWORD", "s3cret")))
                .hasMessageContaining("CAMUNDA_ADMIN_USER");
    }

    @Test
    void productionTakesTheStaffUserOnlyFromItsTwoVariables() {
        StandardEnvironment environment = environment(Map.of(
                "spring.datasource.url", "jdbc:postgresql://db:5432/transfers",
                "spring.mail.host", "smtp.internal",
                "CAMUNDA_ADMIN_USER", "opsteam",
                "CAMUNDA_ADMIN_PASSWORD", "s3cret-from-vault",
                "BILLING_SELLER_NAME", "Hébergeur SAS",
                "BILLING_SELLER_ADDRESS", "1 rue de Paris\n75001 Paris",
                "BILLING_SELLER_SIREN", "123456782",
                "BILLING_SELLER_VATNUMBER", "FR11123456782"));
        assertThat(environment.getProperty("camunda.bpm.admin-user.id")).isEqualTo("opsteam");
        assertThat(environment.getProperty("camunda.bpm.admin-user.password")).isEqualTo("s3cret-from-vault");
    }

    @Test
    void productionRefusesToCatchMailInMemory() {
        assertThatThrownBy(() -> environment(Map.of("spring.datasource.url", "jdbc:postgresql://db:5432/transfers")))
                .hasMessageContaining("SPRING_MAIL_HOST");
    }

    @Test
    void aStaffUserWithoutPasswordOrWithAnIdCamundaRefusesIsAPlainError() {
        assertThatThrownBy(() -> environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/t",
                "spring.mail.host", "smtp", "CAMUNDA_ADMIN_USER", "ops")))
                .hasMessageContaining("CAMUNDA_ADMIN_PASSWORD");
        assertThatThrownBy(() -> environment(Map.of("spring.datasource.url", "jdbc:postgresql://db/t",
                "spring.mail.host", "smtp", "CAMUNDA_ADMIN_USER", "ops-team", "CAMUNDA_ADMIN_PASSWORD", "x")))
                .hasMessageContaining("letters and digits");
    }

    @Test
    void theEmbeddedDefaultSellsAsTheDemoSeller() {
        StandardEnvironment environment = environment(Map.of());
        assertThat(environment.getProperty("billing.seller.name")).isEqualTo("Hébergeur Démo SAS");
        assertThat(environment.getProperty("billing.seller.siren")).isEqualTo("123456782");
        assertThat(environment.getProperty("billing.seller.vat-number")).isEqualTo("FR11123456782");
    }

    /** V6: production without the seller's name, address, SIREN or VAT number is refused, naming what is missing. */
    @Test
    void productionWithoutTheSellersIdentityIsRefusedNamingWhatIsMissing() {
        Map<String, Object> production = new java.util.HashMap<>(Map.of("spring.datasource.url", "jdbc:postgresql://db/t",
                "spring.mail.host", "smtp", "CAMUNDA_ADMIN_USER", "ops", "CAMUNDA_ADMIN_PASSWORD", "s3cret"));
        assertThatThrownBy(() -> environment(production)).isInstanceOf(ProductionSettingMissing.class)
                .hasMessageContaining("BILLING_SELLER_NAME").hasMessageContaining("BILLING_SELLER_ADDRESS")
                .hasMessageContaining("BILLING_SELLER_SIREN").hasMessageContaining("BILLING_SELLER_VATNUMBER");

        production.putAll(Map.of("BILLING_SELLER_NAME", "Hébergeur SAS", "BILLING_SELLER_ADDRESS", "1 rue\n75001 Paris",
                "BILLING_SELLER_SIREN", "123456782"));
        assertThatThrownBy(() -> environment(production)).hasMessageContaining("BILLING_SELLER_VATNUMBER")
                .message().doesNotContain("BILLING_SELLER_NAME");

        production.put("BILLING_SELLER_VATNUMBER", "FR11123456782");
        assertThat(environment(production).getProperty("billing.seller.name")).isEqualTo("Hébergeur SAS");
    }

    @Test
    void explicitSettingsWinOverTheEmbeddedDefaults() {
        StandardEnvironment environment = environment(Map.of("app.demo-data", "false"));
        assertThat(environment.getProperty("app.demo-data")).isEqualTo("false");
    }

    private static StandardEnvironment environment(Map<String, Object> given) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
        // as the process environment, so that BILLING_SELLER_NAME binds to billing.seller.name as it would there
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, given));
        new EmbeddedDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
