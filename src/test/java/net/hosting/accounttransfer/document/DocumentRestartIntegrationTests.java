package net.hosting.accounttransfer.document;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Nodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * D4 across a restart: a PDF downloaded once is served byte for byte the same by the service restarted on the same
 * database with another seller setting, after the buyer's profile changed; a document first printed after the
 * restart shows the new seller, so the setting did change.
 */
class DocumentRestartIntegrationTests {

    private static EmbeddedPostgres database;

    @BeforeAll
    static void database() throws IOException {
        IntegrationTest.SMTP.getSmtp();
        database = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void theSameBytesAreServedAfterAProfileChangeASellerChangeAndARestart() throws Exception {
        String url = database.getJdbcUrl("postgres", "postgres");
        Profile alice;
        String first;
        String second;
        byte[] before;
        try (ConfigurableApplicationContext node = Nodes.start("before", url, IntegrationTest.SMTP_PORT)) {
            Fixtures fixtures = Nodes.fixtures(node);
            alice = fixtures.customer("Alice", Profile.Language.EN);
            fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
            fixtures.paidAccount(alice, "4.99", BillingCycle.MONTHLY, 5);
            Api asAlice = Nodes.api(node).as(alice.email(), Fixtures.PASSWORD);
            first = asAlice.get("/api/invoices").json().get(1).get("number").asText();
            second = asAlice.get("/api/invoices").json().get(0).get("number").asText();

            Downloads.Download download = Downloads.get(port(node), alice.email(), Fixtures.PASSWORD,
                    "/api/invoices/" + first + "/pdf");
            assertThat(download.status()).isEqualTo(200);
            before = download.bytes();
            assertThat(FacturXDocuments.text(before)).contains("Cluster Hosting SAS", "1 Test Street");

            assertThat(asAlice.patch("/api/profile", Map.of("name", "Alice Renamed", "address", "9 Moved Street"))
                    .status()).isEqualTo(200);
        }

        try (ConfigurableApplicationContext node = Nodes.start("after", url, IntegrationTest.SMTP_PORT,
                "billing.seller.name=Autre Hébergeur SAS")) {
            Downloads.Download again = Downloads.get(port(node), alice.email(), Fixtures.PASSWORD,
                    "/api/invoices/" + first + "/pdf");
            assertThat(again.status()).isEqualTo(200);
            assertThat(again.bytes()).as("served as stored").isEqualTo(before);
            assertThat(again.header("ETag")).isEqualTo("\"" + DocumentPdfs.sha256(before) + "\"");

            Downloads.Download fresh = Downloads.get(port(node), alice.email(), Fixtures.PASSWORD,
                    "/api/invoices/" + second + "/pdf");
            assertThat(FacturXDocuments.text(fresh.bytes())).as("printed after the change")
                    .contains("Autre Hébergeur SAS").doesNotContain("Cluster Hosting SAS")
                    // the buyer as issued, whatever the profile says now (B8)
                    .contains("1 Test Street").doesNotContain("Alice Renamed");
        }
    }

    private static int port(ConfigurableApplicationContext node) {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
