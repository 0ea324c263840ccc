package net.hosting.accounttransfer.document;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.notification.ReaderFormat;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * D1 to D5 against the running application: each document's PDF, from the API and the history page, says what D2
 * asks, carries an XML whose totals are the API's, is made once and served as stored, and is its profile's alone.
 */
class DocumentPdfIntegrationTests extends IntegrationTest {

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ProfileRepository profiles;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    StoredPdfRepository stored;

    @Autowired
    DocumentPrinter printer;

    @Autowired
    BillingProperties billing;

    @Autowired
    BillingCalendar calendar;

    @Test
    void anInvoicePdfCarriesEveryMentionAndAnXmlWithTheTotalsOfTheApi() throws Exception {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        Account site = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        Api asAlice = api.as(alice.email(), Fixtures.PASSWORD);
        JsonNode listed = asAlice.get("/api/invoices").json().get(0);
        String number = listed.get("number").asText();
        Invoice invoice = invoices.findByNumber(number).orElseThrow(() -> new AssertionError(number));

        Api.Reply one = asAlice.get("/api/invoices/" + number);
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json()).isEqualTo(listed);

        Downloads.Download pdf = download(alice, "/api/invoices/" + number + "/pdf");
        assertThat(pdf.status()).as(pdf.body()).isEqualTo(200);
        assertThat(pdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).isEqualTo("attachment; filename=\"facture-" + number + ".pdf\"");

        ReaderFormat french = new ReaderFormat(Locale.FRENCH, SampleDocuments.PARIS);
        LocalDate first = invoice.servicePeriod().start();
        LocalDate last = invoice.servicePeriod().end().minusDays(1);
        assertThat(flat(FacturXDocuments.text(pdf.bytes()))).contains("Facture", number)
                // the seller (V6)
                .contains("Hébergeur Démo SAS", "10 rue de l’Hébergement", "75011 Paris", "SIREN 123456782",
                        "RCS Paris 123 456 782", "SAS au capital de 10 000 €", "FR11123456782")
                // the buyer's snapshot
                .contains(alice.name(), "1 Test Street", alice.email())
                // the issue date, the service period's first and last days, the line and its amounts
                .contains(flat("Date d’émission " + french.date(invoice.issuedAt().atZone(SampleDocuments.PARIS)
                        .toLocalDate())))
                .contains(flat("Service du " + french.date(first) + " au " + french.date(last)))
                .contains("Formule Cloud S", "Compte " + site.name(), "PRIX UNITAIRE HT", "Total HT", "TVA", "Total TTC")
                .contains(flat(french.money(invoice.net())), flat(french.money(invoice.amount())))
                .contains(flat("PAYÉE LE " + french.date(invoice.issuedAt().atZone(SampleDocuments.PARIS).toLocalDate())
                        .toUpperCase(Locale.FRENCH)))
                // a consumer owes no late-payment penalties
                .doesNotContain("Pénalités de retard");

        byte[] xml = FacturXDocuments.attachedXml(pdf.bytes());
        BigDecimal apiTotal = new BigDecimal(one.json().at("/amount/amount").asText());
        assertThat(FacturXDocuments.path(xml, "ExchangedDocument/TypeCode")).isEqualTo("380");
        assertThat(FacturXDocuments.path(xml, "ExchangedDocument/ID")).isEqualTo(number);
        assertThat(FacturXDocuments.amount(xml, "GrandTotalAmount")).isEqualByComparingTo(apiTotal);
        assertThat(FacturXDocuments.amount(xml, "TaxBasisTotalAmount")).isEqualByComparingTo(invoice.net().amount());
        assertThat(FacturXDocuments.amount(xml, "TaxTotalAmount")).isEqualByComparingTo(invoice.vat().amount());
        assertThat(FacturXDocuments.amount(xml, "TaxBasisTotalAmount").add(FacturXDocuments.amount(xml, "TaxTotalAmount")))
                .isEqualByComparingTo(apiTotal);
    }

    @Test
    void aBusinessBuyersPdfCarriesTheLatePaymentPenaltiesAndTheFixedRecoveryFee() throws Exception {
        Profile company = fixtures.customer("Martin", Profile.Language.EN);
        Api asCompany = api.as(company.email(), Fixtures.PASSWORD);
        assertThat(asCompany.patch("/api/profile", Map.of("company", "Martin Conseil SARL")).status()).isEqualTo(200);
        fixtures.paidAccount(profiles.findById(company.id()).orElseThrow(() -> new AssertionError(company.email())),
                "119.88", BillingCycle.YEARLY, 3);
        String number = asCompany.get("/api/invoices").json().get(0).get("number").asText();

        Downloads.Download pdf = download(company, "/api/invoices/" + number + "/pdf");

        assertThat(pdf.header("Content-Disposition")).contains("invoice-" + number + ".pdf");
        assertThat(flat(FacturXDocuments.text(pdf.bytes()))).contains("Invoice", "Martin Conseil SARL")
                .contains("Late payment penalties: the European Central Bank’s refinancing rate plus 10 percentage points")
                .contains("Fixed compensation for recovery costs: €40.00");
    }

    @Test
    void aCreditNotePdfSaysSoAndNamesTheInvoiceItCreditsAndTheMailsLinkToBoth() throws Exception {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        Account site = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        Api asAlice = api.as(alice.email(), Fixtures.PASSWORD);
        Api asBob = api.as(bob.email(), Fixtures.PASSWORD);
        String paid = asAlice.get("/api/invoices").json().get(0).get("number").asText();
        Invoice paidInvoice = invoices.findByNumber(paid).orElseThrow(() -> new AssertionError(paid));

        TransfersByApi.transferNow(asAlice, site.name(), asBob, bob.email());

        JsonNode credit = asAlice.get("/api/invoices").json().get(0);
        assertThat(credit.get("kind").asText()).isEqualTo("CREDIT_NOTE");
        String number = credit.get("number").asText();
        Downloads.Download pdf = download(alice, "/api/invoices/" + number + "/pdf");
        assertThat(pdf.status()).isEqualTo(200);
        assertThat(pdf.header("Content-Disposition")).contains("avoir-" + number + ".pdf");
        ReaderFormat french = new ReaderFormat(Locale.FRENCH, SampleDocuments.PARIS);
        assertThat(flat(FacturXDocuments.text(pdf.bytes()))).contains("Avoir", number)
                .contains(flat("Avoir sur la facture n° " + paid + " du "
                        + french.date(paidInvoice.issuedAt().atZone(SampleDocuments.PARIS).toLocalDate())))
                .contains("REMBOURSÉ LE");
        byte[] xml = FacturXDocuments.attachedXml(pdf.bytes());
        assertThat(FacturXDocuments.path(xml, "ExchangedDocument/TypeCode")).isEqualTo("381");
        assertThat(FacturXDocuments.path(xml, "InvoiceReferencedDocument/IssuerAssignedID")).isEqualTo(paid);
        assertThat(FacturXDocuments.amount(xml, "GrandTotalAmount"))
                .isEqualByComparingTo(new BigDecimal(credit.at("/amount/amount").asText()));

        // D5: the mails that announce the credit note and the recipient's invoice link to their PDFs
        String bobsInvoice = asBob.get("/api/invoices").json().get(0).get("number").asText();
        assertThat(mailbox.to(alice.email())).anySatisfy(mail -> assertThat(mail.text() + mail.html())
                .contains(PUBLIC_URL + "/history/invoices/" + number + "/pdf"));
        assertThat(mailbox.to(bob.email())).anySatisfy(mail -> assertThat(mail.text() + mail.html())
                .contains(PUBLIC_URL + "/history/invoices/" + bobsInvoice + "/pdf"));
    }

    @Test
    void anotherProfileGetsNotFoundForADocumentAndItsPdf() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile eve = fixtures.customer("Eve", Profile.Language.EN);
        fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String number = api.as(alice.email(), Fixtures.PASSWORD).get("/api/invoices").json().get(0).get("number").asText();
        Api asEve = api.as(eve.email(), Fixtures.PASSWORD);

        Api.Reply json = asEve.get("/api/invoices/" + number);
        Downloads.Download pdf = download(eve, "/api/invoices/" + number + "/pdf");
        Downloads.Download unknown = download(eve, "/api/invoices/1999-999999/pdf");

        assertThat(json.status()).isEqualTo(404);
        assertThat(json.contentType()).isEqualTo("application/problem+json");
        for (Downloads.Download refused : List.of(pdf, unknown)) {
            assertThat(refused.status()).isEqualTo(404);
            assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        }
        assertThat(pdf.body()).doesNotContain(alice.name()).doesNotContain(alice.email());
        assertThat(jdbc.queryForObject("select count(*) from document_pdf p join invoice i on i.id = p.invoice_id "
                + "where i.number = ?", Integer.class, number)).as("a refusal makes no PDF").isZero();
    }

    /** D4: four first downloads at once store one PDF, and everyone, then and after a profile change, gets it. */
    @Test
    void aPdfIsMadeOnceAndServedAsStoredEvenToConcurrentFirstDownloadsAndAfterAProfileChange() throws Exception {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        Api asAlice = api.as(alice.email(), Fixtures.PASSWORD);
        String number = asAlice.get("/api/invoices").json().get(0).get("number").asText();
        String path = "/api/invoices/" + number + "/pdf";

        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<Downloads.Download>> firsts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            firsts.add(clients.submit(() -> download(alice, path)));
        }
        List<byte[]> served = new ArrayList<>();
        for (Future<Downloads.Download> first : firsts) {
            assertThat(first.get().status()).isEqualTo(200);
            served.add(first.get().bytes());
        }
        clients.shutdown();

        Map<String, Object> stored = jdbc.queryForMap("select p.sha256, p.content from document_pdf p "
                + "join invoice i on i.id = p.invoice_id where i.number = ?", number);
        byte[] content = (byte[]) stored.get("content");
        assertThat(stored.get("sha256")).isEqualTo(DocumentPdfs.sha256(content));
        assertThat(served).allSatisfy(bytes -> assertThat(bytes).isEqualTo(content));

        assertThat(asAlice.patch("/api/profile", Map.of("name", "Alice Renamed", "address", "2 New Street"))
                .status()).isEqualTo(200);
        Downloads.Download later = download(alice, path);
        assertThat(later.bytes()).isEqualTo(content);
        assertThat(later.header("ETag")).isEqualTo("\"" + stored.get("sha256") + "\"");
        assertThat(FacturXDocuments.text(later.bytes())).contains("1 Test Street").doesNotContain("Alice Renamed");
    }

    /**
     * D4 after a settings change: a second service on the same database, with another seller, serves the stored bytes
     * of a document printed before the change, and prints a document issued before the change but never printed
     * with the seller of record, stored on the document at issue. The service keeps nothing in memory, so this is
     * what a restart with the new setting serves. (Two application contexts in one JVM would leave Camunda's webapps
     * pointing at the closed one, so the second service is built from the running one's parts.)
     */
    @Test
    void theStoredBytesAndTheSellerOfRecordOutliveASellerSettingChange() throws Exception {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        fixtures.paidAccount(alice, "4.99", BillingCycle.MONTHLY, 5);
        Api asAlice = api.as(alice.email(), Fixtures.PASSWORD);
        String printedBefore = asAlice.get("/api/invoices").json().get(1).get("number").asText();
        String printedAfter = asAlice.get("/api/invoices").json().get(0).get("number").asText();
        byte[] before = download(alice, "/api/invoices/" + printedBefore + "/pdf").bytes();
        assertThat(FacturXDocuments.text(before)).contains("Hébergeur Démo SAS");

        BillingProperties.Seller demo = billing.seller();
        DocumentPdfs renamedSeller = new DocumentPdfs(invoices, subscriptions, stored, printer,
                new BillingProperties(billing.zone(), new BillingProperties.Seller("Autre Hébergeur SAS",
                        demo.legalForm(), demo.shareCapital(), demo.address(), demo.country(), demo.siren(), demo.rcs(),
                        demo.vatNumber()), billing.vat(), billing.metricsMaxAge()), calendar);

        DocumentPdfs.Pdf again = renamedSeller.of(alice.id(), printedBefore).orElseThrow(() -> new AssertionError(printedBefore));
        assertThat(again.content()).as("served as stored").isEqualTo(before);
        assertThat(again.sha256()).isEqualTo(DocumentPdfs.sha256(before));
        DocumentPdfs.Pdf fresh = renamedSeller.of(alice.id(), printedAfter).orElseThrow(() -> new AssertionError(printedAfter));
        assertThat(FacturXDocuments.text(fresh.content())).as("first printed after the change, issued before it")
                .contains("Hébergeur Démo SAS").doesNotContain("Autre Hébergeur SAS");
        assertThat(download(alice, "/api/invoices/" + printedAfter + "/pdf").bytes())
                .as("the running service now serves what the other one stored").isEqualTo(fresh.content());
    }

    /** Text with every run of spaces, line breaks and no-break spaces as one space, as a reader sees it. */
    static String flat(String text) {
        return text.replaceAll("[\\s\\u00a0\\u202f]+", " ");
    }

    private Downloads.Download download(Profile who, String path) {
        return Downloads.get(port, who.email(), Fixtures.PASSWORD, path);
    }

}
