package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Taxed;
import net.hosting.accounttransfer.support.TransfersByApi;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;

/**
 * The money of a transfer as both parties see it through the API: the preview (B7), then the documents. Every
 * transfer is accepted on {@link FixedDateIntegrationTest#TODAY}, 2028-02-29, so the amounts are worked by hand.
 */
class TransferBillingIntegrationTests extends FixedDateIntegrationTest {

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    AccountRepository accounts;

    @Autowired
    Ledger ledger;

    @Autowired
    BillingCalendar calendar;

    @Autowired
    TransactionTemplate transaction;

    /**
     * B4 and V4 by hand, accepted on d = 2028-02-29, every party a French customer (DOMESTIC, 20%):
     * <ul>
     * <li>€9.99 monthly from 2028-02-14: the recipient pays 9.99 + 1.998 → 2.00 VAT = 11.99. Period [2028-02-14,
     *     2028-03-14) of 29 days (a leap February), 14 left: 9.99 × 14 / 29 = 4.8228 → 4.82 net, 4.82 × 20% = 0.964
     *     → 0.96 VAT, 5.78 back; the recipient's month is [2028-02-29, 2028-03-29).
     * <li>€119.88 yearly from 2027-06-01: the recipient pays 119.88 + 23.976 → 23.98 VAT = 143.86. Period
     *     [2027-06-01, 2028-06-01) of 366 days, 93 left (1 + 31 + 30 + 31): 119.88 × 93 / 366 = 30.4613 → 30.46 net
     *     (PRODUCT.md's third example), 30.46 × 20% = 6.092 → 6.09 VAT, 36.55 back; the recipient's year ends on
     *     2029-02-28, the leap day's anniversary clamped.
     * </ul>
     */
    @ParameterizedTest(name = "{0} {1} anchored {2}: charge {4}, refund {7}")
    @CsvSource({"9.99, MONTHLY, 2028-02-14, 2.00, 11.99, 4.82, 0.96, 5.78, 2028-03-29",
            "119.88, YEARLY, 2027-06-01, 23.98, 143.86, 30.46, 6.09, 36.55, 2029-02-28"})
    void thePreviewBeforeAcceptanceIsExactlyWhatIsInvoicedAndCreditedOnTheSameDay(String price, BillingCycle cycle,
            LocalDate anchor, String chargeVat, String chargeTotal, String refundNet, String refundVat,
            String refundTotal, String recipientPeriodEnd) {
        Profile sender = fixtures.customer("Paul", Profile.Language.EN);
        Profile recipient = fixtures.customer("Rose", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, price, cycle, anchor);
        BillingPeriod paid = subscriptions.findActiveByAccount(account.id()).orElseThrow().currentPeriod();
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        Api asRecipient = api.as(recipient.email(), Fixtures.PASSWORD);
        String paidInvoice = only(invoices(asSender)).get("number").asText();

        UUID id = TransfersByApi.start(asSender, account.name(), recipient.email(), "IMMEDIATE");
        JsonNode preview = TransfersByApi.get(asSender, id).get("preview");

        assertThat(TransfersByApi.get(asRecipient, id).get("preview")).as("both parties see it").isEqualTo(preview);
        assertThat(preview.at("/recipientCharge/amount/amount").asText()).isEqualTo(chargeTotal);
        assertThat(preview.at("/recipientCharge/amount/currency").asText()).isEqualTo("EUR");
        assertThat(preview.at("/recipientCharge/net/amount").asText()).isEqualTo(price);
        assertThat(preview.at("/recipientCharge/vat/amount").asText()).isEqualTo(chargeVat);
        assertThat(preview.at("/recipientCharge/vatRate").asText()).isEqualTo("20.00");
        assertThat(preview.at("/recipientCharge/date").asText()).isEqualTo("2028-02-29");
        assertThat(preview.at("/senderRefund/amount").asText()).isEqualTo(refundTotal);
        assertThat(preview.at("/senderRefund/currency").asText()).isEqualTo("EUR");
        assertThat(preview.at("/senderRefund/net").asText()).isEqualTo(refundNet);
        assertThat(preview.at("/senderRefund/vat").asText()).isEqualTo(refundVat);

        TransfersByApi.accept(asRecipient, id);
        JsonNode completed = TransfersByApi.awaitStatus(asSender, id, "COMPLETED");

        assertThat(completed.get("preview")).as("the same amounts once billed").isEqualTo(preview);
        JsonNode invoice = only(invoices(asRecipient));
        assertThat(invoice.get("kind").asText()).isEqualTo("INVOICE");
        assertThat(invoice.get("account").asText()).isEqualTo(account.name());
        assertThat(invoice.get("amount")).isEqualTo(preview.at("/recipientCharge/amount"));
        assertThat(invoice.get("total")).isEqualTo(preview.at("/recipientCharge/amount"));
        assertThat(invoice.get("net")).isEqualTo(preview.at("/recipientCharge/net"));
        assertThat(invoice.get("vat")).isEqualTo(preview.at("/recipientCharge/vat"));
        assertThat(invoice.get("vatRate").asText()).isEqualTo("20.00");
        assertThat(invoice.get("vatTreatment").asText()).isEqualTo("DOMESTIC");
        assertThat(invoice.at("/billedTo/country").asText()).isEqualTo("FR");
        assertThat(invoice.at("/billedTo/vatNumber").isNull()).isTrue();
        assertThat(invoice.at("/servicePeriod/start").asText()).isEqualTo(preview.at("/recipientCharge/date").asText());
        assertThat(invoice.at("/servicePeriod/end").asText()).isEqualTo(recipientPeriodEnd);
        assertThat(invoice.at("/billedTo/email").asText()).isEqualTo(recipient.email());
        assertThat(invoice.has("refundedAt")).isFalse();

        List<JsonNode> senderDocuments = invoices(asSender);
        assertThat(senderDocuments).hasSize(2);
        JsonNode credit = senderDocuments.stream().filter(d -> d.get("kind").asText().equals("CREDIT_NOTE"))
                .findFirst().orElseThrow();
        assertThat(credit.at("/amount/amount").asText()).isEqualTo(refundTotal);
        assertThat(credit.at("/net/amount").asText()).isEqualTo(refundNet);
        assertThat(credit.at("/vat/amount").asText()).isEqualTo(refundVat);
        assertThat(credit.get("vatRate").asText()).as("the invoice's rate (V4)").isEqualTo("20.00");
        assertThat(credit.at("/servicePeriod/start").asText()).isEqualTo("2028-02-29");
        assertThat(credit.at("/servicePeriod/end").asText()).isEqualTo(paid.end().toString());
        assertThat(credit.get("credits").asText()).isEqualTo(paidInvoice);
        assertThat(credit.get("refundedAt").isTextual()).isTrue();
        assertThat(credit.at("/billedTo/email").asText()).isEqualTo(sender.email());
    }

    @Test
    void beforeAcceptanceOnlyTheRecipientReadsItsOwnVatSoTheSenderLearnsNothingOfItsProfile() {
        Profile sender = fixtures.customer("Pablo", Profile.Language.EN);
        Profile recipient = fixtures.customerIn("DE", "Renate", null, null);
        Account account = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, LocalDate.parse("2028-02-14"));
        Account other = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, LocalDate.parse("2028-02-14"));
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        Api asRecipient = api.as(recipient.email(), Fixtures.PASSWORD);

        UUID id = TransfersByApi.start(asSender, account.name(), recipient.email(), "IMMEDIATE");
        UUID toNobody = TransfersByApi.start(asSender, other.name(), "nobody-" + Fixtures.unique() + "@example.test",
                "IMMEDIATE");

        // T2: the sender reads a French consumer's price, whoever holds the address, and whether anyone does
        JsonNode seenBySender = TransfersByApi.get(asSender, id).at("/preview/recipientCharge");
        assertThat(seenBySender.at("/amount/amount").asText()).isEqualTo("11.99");
        assertThat(seenBySender.get("vatRate").asText()).isEqualTo("20.00");
        assertThat(TransfersByApi.get(asSender, toNobody).at("/preview/recipientCharge")).isEqualTo(seenBySender);
        // the German consumer reads its own: 9.99 × 19% = 1.8981 → 1.90, 11.89
        JsonNode seenByRecipient = TransfersByApi.get(asRecipient, id).at("/preview/recipientCharge");
        assertThat(seenByRecipient.at("/amount/amount").asText()).isEqualTo("11.89");
        assertThat(seenByRecipient.get("vatRate").asText()).isEqualTo("19.00");

        TransfersByApi.accept(asRecipient, id);
        JsonNode completed = TransfersByApi.awaitStatus(asSender, id, "COMPLETED");

        assertThat(completed.at("/preview/recipientCharge")).as("once accepted, the recipient is known to both")
                .isEqualTo(seenByRecipient);
        JsonNode invoice = only(invoices(asRecipient));
        assertThat(invoice.get("vatTreatment").asText()).isEqualTo("EU_CONSUMER");
        assertThat(invoice.at("/total/amount").asText()).isEqualTo("11.89");
    }

    @Test
    void aCreditAlreadyGivenAgainstThePaidInvoiceIsLeftOutOfTheProratedRefund() {
        Profile sender = fixtures.customer("Petra", Profile.Language.EN);
        Profile recipient = fixtures.customer("Rudi", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, "9.99", BillingCycle.MONTHLY, LocalDate.parse("2028-02-14"));
        Subscription subscription = subscriptions.findActiveByAccount(account.id()).orElseThrow();
        BillingPeriod paid = subscription.currentPeriod();
        Invoice paidInvoice = ledger.invoiceFor(subscription, paid).orElseThrow();
        // a goodwill credit of 2.00 given earlier against the same invoice
        transaction.execute(status -> ledger.refund("goodwill:" + Fixtures.unique(), paidInvoice.billedTo(),
                paidInvoice, subscription, paid, Money.euros("2.00")));
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);

        UUID id = TransfersByApi.start(asSender, account.name(), recipient.email(), "IMMEDIATE");
        JsonNode preview = TransfersByApi.get(asSender, id).get("preview");

        // the invoice: 9.99 net + 2.00 VAT; the goodwill credit: 2.00 net + 0.40 VAT. B4 with netLeft = 9.99 − 2.00
        // = 7.99 over [2028-02-14, 2028-03-14), accepted 2028-02-29: 7.99 × 14 / 29 = 3.8572 → 3.86 net, VAT 3.86 ×
        // 20% = 0.772 → 0.77, 4.63 back; which leaves 7.99 − 3.86 = 4.13 net and 2.00 − 0.40 − 0.77 = 0.83 VAT
        String refund = "4.63";
        assertThat(preview.at("/senderRefund/amount").asText()).isEqualTo(refund);
        assertThat(preview.at("/senderRefund/net").asText()).isEqualTo("3.86");

        TransfersByApi.accept(api.as(recipient.email(), Fixtures.PASSWORD), id);
        TransfersByApi.awaitStatus(asSender, id, "COMPLETED");

        assertThat(invoices(asSender)).filteredOn(d -> d.get("kind").asText().equals("CREDIT_NOTE"))
                .extracting(d -> d.at("/amount/amount").asText()).containsExactlyInAnyOrder("2.40", refund);
        assertThat(ledger.creditableOn(paidInvoice)).isEqualTo(Taxed.domestic("4.13", "0.83"));
    }

    @Test
    void atRenewalPreviewsThePriceOnTheKeptRenewalDateAndBillsNothingOnAcceptance() {
        Profile sender = fixtures.customer("Pia", Profile.Language.EN);
        Profile recipient = fixtures.customer("Remy", Profile.Language.EN);
        Account account = fixtures.paidAccount(sender, "119.88", BillingCycle.YEARLY, LocalDate.parse("2027-06-01"));
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        Api asRecipient = api.as(recipient.email(), Fixtures.PASSWORD);

        UUID id = TransfersByApi.start(asSender, account.name(), recipient.email(), "AT_RENEWAL");
        JsonNode preview = TransfersByApi.get(asRecipient, id).get("preview");

        // 119.88 + 119.88 × 20% = 23.976 → 23.98 VAT
        assertThat(preview.at("/recipientCharge/amount/amount").asText()).isEqualTo("143.86");
        assertThat(preview.at("/recipientCharge/net/amount").asText()).isEqualTo("119.88");
        // the kept renewal date of [2027-06-01, 2028-06-01)
        assertThat(preview.at("/recipientCharge/date").asText()).isEqualTo("2028-06-01");
        assertThat(preview.get("senderRefund").isNull()).isTrue();

        TransfersByApi.accept(asRecipient, id);
        mailbox.awaitMail(recipient.email(), "accepted");
        mailbox.awaitMail(sender.email(), "accepted");

        JsonNode held = only(StreamSupport.stream(asRecipient.get("/api/accounts").json().spliterator(), false).toList());
        assertThat(held.get("name").asText()).isEqualTo(account.name());
        assertThat(held.at("/subscription/currentPeriodStart").asText()).isEqualTo("2028-02-29");
        assertThat(held.at("/subscription/renewalDate").asText()).isEqualTo("2028-06-01");
        assertThat(TransfersByApi.get(asSender, id).get("status").asText()).isEqualTo("ACCEPTED");
        assertThat(invoices(asRecipient)).isEmpty();
        assertThat(invoices(asSender)).singleElement()
                .satisfies(invoice -> assertThat(invoice.get("kind").asText()).isEqualTo("INVOICE"));
    }

    @Test
    void aTransferAcceptedAfterThePaidPeriodEndedCompletesWithNoCreditNote() {
        Profile sender = fixtures.customer("Pat", Profile.Language.EN);
        Profile recipient = fixtures.customer("Ray", Profile.Language.EN);
        // a subscription whose paid period [2027-12-29, 2028-01-29) ended a month ago and was never renewed: no day
        // of it is left to refund
        LocalDate twoMonthsAgo = LocalDate.parse("2027-12-29");
        Account account = transaction.execute(status -> {
            Account stale = accounts.save(new Account("stale-" + Fixtures.unique(), sender.id(), calendar.now()));
            Subscription subscription = subscriptions.save(Subscription.open(stale.id(), sender.id(), "Cloud S",
                    Money.euros("9.99"), BillingCycle.MONTHLY, twoMonthsAgo, twoMonthsAgo));
            ledger.invoice("stale:" + stale.name(), sender.billingIdentity(), sender.id(), subscription, stale.name(),
                    subscription.currentPeriod(), subscription.price());
            return stale;
        });
        Api asSender = api.as(sender.email(), Fixtures.PASSWORD);
        Api asRecipient = api.as(recipient.email(), Fixtures.PASSWORD);

        UUID id = TransfersByApi.start(asSender, account.name(), recipient.email(), "IMMEDIATE");
        assertThat(TransfersByApi.get(asSender, id).at("/preview/senderRefund").isNull()).isTrue();
        TransfersByApi.accept(asRecipient, id);
        TransfersByApi.awaitStatus(asSender, id, "COMPLETED");

        assertThat(invoices(asSender)).singleElement()
                .satisfies(invoice -> assertThat(invoice.get("kind").asText()).isEqualTo("INVOICE"));
        assertThat(only(invoices(asRecipient)).at("/servicePeriod/start").asText()).isEqualTo("2028-02-29");
    }

    private static List<JsonNode> invoices(Api party) {
        Api.Reply reply = party.get("/api/invoices");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false).toList();
    }

    private static JsonNode only(List<JsonNode> nodes) {
        assertThat(nodes).hasSize(1);
        return nodes.get(0);
    }
}
