package net.hosting.accounttransfer.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import net.hosting.accounttransfer.AccountTransferApplication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * S2: the application itself, started in production mode without its staff variables, refuses to start and says
 * which two variables to set in one plain report, with no stack trace; otherwise a stranger could create the
 * first staff user through Camunda's setup page.
 */
@ExtendWith(OutputCaptureExtension.class)
class ProductionStaffUserStartupTests {

    @Test
    void productionWithoutStaffVariablesStopsAtStartUpNamingBoth(CapturedOutput output) {
        assumeThat(System.getenv("CAMUNDA_ADMIN_USER")).as("this JVM's own environment names a staff user").isNull();

        assertThatThrownBy(() -> production().run()).hasMessageContaining("CAMUNDA_ADMIN_USER");

        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START")
                .containsPattern("[^\\n]*CAMUNDA_ADMIN_USER[^\\n]*CAMUNDA_ADMIN_PASSWORD[^\\n]*\\n");
        assertThat(report).as("no stack trace").doesNotContain("\tat org.springframework")
                .doesNotContain("\tat net.hosting");
    }

    @Test
    void productionWithAUserButNoPasswordStopsToo(CapturedOutput output) {
        assumeThat(System.getenv("CAMUNDA_ADMIN_PASSWORD")).isNull();

        assertThatThrownBy(() -> production().properties("CAMUNDA_ADMIN_USER=ops").run())
                .hasMessageContaining("CAMUNDA_ADMIN_USER").hasMessageContaining("CAMUNDA_ADMIN_PASSWORD");
        assertThat(output.getAll()).contains("CAMUNDA_ADMIN_PASSWORD").doesNotContain("\tat net.hosting");
    }

    /** V6: with its staff user but without the seller's identity, production refuses to start in one plain report. */
    @Test
    void productionWithoutTheSellersIdentityStopsAtStartUpNamingIt(CapturedOutput output) {
        assumeThat(System.getenv("BILLING_SELLER_NAME")).as("this JVM's own environment names a seller").isNull();

        assertThatThrownBy(() -> production().properties("CAMUNDA_ADMIN_USER=ops", "CAMUNDA_ADMIN_PASSWORD=s3cret").run())
                .hasMessageContaining("BILLING_SELLER_NAME");

        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START")
                .containsPattern("[^\\n]*seller[^\\n]*BILLING_SELLER_NAME, BILLING_SELLER_ADDRESS, BILLING_SELLER_SIREN, "
                        + "BILLING_SELLER_VATNUMBER[^\\n]*\\n");
        assertThat(report).as("no stack trace").doesNotContain("\tat org.springframework")
                .doesNotContain("\tat net.hosting");
    }

    /** Production settings against the machine's standalone PostgreSQL; the check comes before any connection. */
    private static SpringApplicationBuilder production() {
        return new SpringApplicationBuilder(AccountTransferApplication.class).properties(
                "spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test",
                "spring.datasource.username=postgres",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=25",
                "server.port=0");
    }
}
