package net.hosting.accounttransfer.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.stream.Stream;
import net.hosting.accounttransfer.AccountTransferApplication;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Nodes of the service in production mode, each a Spring context of its own in this JVM, on one embedded PostgreSQL
 * of their own and the SMTP server the test chooses: several of them make a Camunda homogeneous cluster. Register it
 * as a static JUnit extension; it starts the nodes before the class's tests and stops them after.
 */
public final class Nodes implements BeforeAllCallback, AfterAllCallback {

    private final int count;
    private final IntSupplier smtpPort;
    private final String[] settings;
    private final List<ConfigurableApplicationContext> nodes = new ArrayList<>();
    private EmbeddedPostgres database;

    private Nodes(int count, IntSupplier smtpPort, String[] settings) {
        this.count = count;
        this.smtpPort = smtpPort;
        this.settings = settings;
    }

    /**
     * {@code count} nodes named node-a, node-b, ... on a fresh database, started one after the other (the first
     * creates the schema, the next ones join it), mailing the SMTP server at {@code smtpPort}; {@code settings} as
     * in {@link #start(String, String, int, String...)}.
     */
    public static Nodes onFreshDatabase(int count, IntSupplier smtpPort, String... settings) {
        return new Nodes(count, smtpPort, settings);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        database = EmbeddedPostgres.builder().start();
        for (int i = 0; i < count; i++) {
            nodes.add(start("node-" + (char) ('a' + i), database.getJdbcUrl("postgres", "postgres"),
                    smtpPort.getAsInt(), settings));
        }
    }

    /** Stops the nodes, last started first, then the database. */
    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        nodes.clear();
        if (database != null) {
            database.close();
        }
    }

    /** The {@code index}-th node, from 0. */
    public ConfigurableApplicationContext node(int index) {
        return nodes.get(index);
    }

    /**
     * Starts one node. Start the nodes of a cluster one after the other: the first creates the schema, the next
     * ones join it. {@code settings} are more {@code key=value} properties; a later one wins over an earlier one.
     */
    public static ConfigurableApplicationContext start(String name, String jdbcUrl, int smtpPort, String... settings) {
        List<String> defaults = List.of(
                "spring.datasource.url=" + jdbcUrl,
                "spring.datasource.username=postgres",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + smtpPort,
                // production mode refuses to start without its staff user (S2)
                "CAMUNDA_ADMIN_USER=clusterstaff",
                "CAMUNDA_ADMIN_PASSWORD=cluster-staff-secret",
                // and without the seller's identity (V6)
                "billing.seller.name=Cluster Hosting SAS",
                "billing.seller.address=1 rue du Cluster\n75002 Paris",
                "billing.seller.siren=123456782",
                "billing.seller.vat-number=FR11123456782",
                "server.port=0",
                "app.public-url=" + IntegrationTest.PUBLIC_URL,
                "transfer.retry-cycle=R3/PT1S",
                "spring.application.name=" + name,
                // the name Camunda writes beside every job it runs, so the job log tells the nodes apart
                "camunda.bpm.generic-properties.properties.hostname=" + name,
                "logging.level.com.icegreen.greenmail=WARN");
        Map<String, String> properties = new LinkedHashMap<>();
        Stream.concat(defaults.stream(), Arrays.stream(settings)).forEach(setting -> properties.put(
                setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1)));
        // as command-line arguments: they win over application.yaml, where default properties would lose to it
        // (transfer.retry-cycle and transfer.max-offers-per-day are set there)
        return new SpringApplicationBuilder(AccountTransferApplication.class)
                .run(properties.entrySet().stream().map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                        .toArray(String[]::new));
    }

    /** An API client of the node, signed in as nobody yet. */
    public static Api api(ConfigurableApplicationContext node) {
        return new Api(((WebServerApplicationContext) node).getWebServer().getPort());
    }

    /** Customers and accounts made through the node's own services. */
    public static Fixtures fixtures(ConfigurableApplicationContext node) {
        return node.getAutowireCapableBeanFactory().createBean(Fixtures.class);
    }
}
