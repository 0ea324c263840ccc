package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import net.hosting.accounttransfer.support.Taxed;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * B9 worked out by hand on real dates: the unused days of a period go back to whoever paid it, however many
 * hands the account passed through at renewal in between, and to nobody else.
 */
class PreviousPayerRefundIntegrationTests extends IntegrationTest {

    @Autowired TransferRepository transfers;
    @Autowired TransferSteps steps;
    @Autowired TransferBilling billing;
    @Autowired TransferMails mails;
    @Autowired AccountRepository accounts;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired InvoiceRepository invoices;
    @Autowired Ledger ledger;
    @Autowired TransactionTemplate transaction;

    private ChainDriver chain;
    private Profile alice;
    private Profile bob;
    private Profile carol;
    private Profile dave;

    @BeforeEach
    void parties() {
        chain = new ChainDriver(transfers, steps, accounts, subscriptions, ledger, billing, transaction);
        alice = fixtures.customer("Alice", Profile.Language.FR);
        bob = fixtures.customer("Bob", Profile.Language.EN);
        carol = fixtures.customer("Carol", Profile.Language.EN);
        dave = fixtures.customer("Dave", Profile.Language.EN);
    }

    @Test
    void theIssuesChainRefundsAliceAndNotBobAndInvoicesCarolAFreshYear() {
        // Alice paid 119.88 for [2026-08-22, 2027-08-22); on 2026-11-30 she hands it to Bob at renewal, and Bob
        // hands it on to Carol on acceptance the same day
        Account shop = chain.open(alice, "119.88", BillingCycle.YEARLY, LocalDate.of(2026, 8, 22));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2026, 11, 30));

        // what Bob and Carol read before Carol accepts: B9 as if accepted that day
        TransferBilling.Quote quote = billing.quote(chain.active(), BillingMode.IMMEDIATE, LocalDate.of(2026, 11, 30));
        assertThat(quote.senderRefund().isZero()).isTrue();
        // 119.88 × 265 / 365 = 87.0367… → 87.04 net, at Alice's invoice's 20%: 17.408 → 17.41
        assertThat(quote.previousPayerRefund()).isEqualTo(Taxed.domestic("87.04", "17.41"));

        Transfer toCarol = chain.handOver(bob, carol, BillingMode.IMMEDIATE, LocalDate.of(2026, 11, 30));
        chain.finish();

        // 119.88 × 265 / 365 = 87.0367… → 87.04 net, against Alice's own invoice, at its 20%: 17.408 → 17.41 VAT
        Invoice paid = only(documentsOf(alice, Invoice.Kind.INVOICE));
        Invoice credit = only(documentsOf(alice, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amounts()).isEqualTo(Taxed.domestic("87.04", "17.41"));
        assertThat(credit.amount()).isEqualTo(Money.euros("104.45"));
        assertThat(credit.servicePeriod()).isEqualTo(period("2026-11-30", "2027-08-22"));
        assertThat(credit.creditedInvoiceId()).isEqualTo(paid.id());
        assertThat(credit.refundedAt()).isNotNull();
        assertThat(credit.billedTo().email()).isEqualTo(alice.email());
        assertThat(credit.accountName()).isEqualTo(shop.name());
        assertThat(credit.idempotencyKey()).isEqualTo(TransferKeys.previousPayerRefund(toCarol.id()));
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).as("Bob paid nothing and gets nothing").isEmpty();
        Invoice carols = only(invoices.findByProfile(carol.id(), Pageable.unpaged()).getContent());
        assertThat(carols.kind()).isEqualTo(Invoice.Kind.INVOICE);
        // 119.88 + 23.976 → 23.98 VAT
        assertThat(carols.amount()).isEqualTo(Money.euros("143.86"));
        assertThat(carols.servicePeriod()).isEqualTo(period("2026-11-30", "2027-11-30"));

        // the API shows the amount and no identity; the sender's refund is null
        JsonNode preview = TransfersByApi.get(api.as(bob.email(), Fixtures.PASSWORD), toCarol.id()).get("preview");
        assertThat(preview.at("/previousPayerRefund/amount").asText()).isEqualTo("104.45");
        assertThat(preview.at("/previousPayerRefund/net").asText()).isEqualTo("87.04");
        assertThat(preview.at("/previousPayerRefund/vat").asText()).isEqualTo("17.41");
        assertThat(preview.at("/previousPayerRefund/currency").asText()).isEqualTo("EUR");
        assertThat(preview.get("senderRefund").isNull()).isTrue();
        assertThat(preview.toString()).doesNotContain(alice.email(), "Alice");

        // Alice's mail, in French, names the account, the days and the amount, and goes out once
        mails.previousPayerRefunded(toCarol.id());
        mails.previousPayerRefunded(toCarol.id());
        Mailbox.Mail mail = mailbox.awaitMail(alice.email(), "jours non utilisés remboursés");
        assertThat(mail.subject()).isEqualTo("Compte " + shop.name() + " : jours non utilisés remboursés");
        assertThat(mail.text()).contains("Vous avez payé la période en cours du compte d’hébergement " + shop.name())
                .contains("Les 265 jours non utilisés, du 30 novembre 2026 au 21 août 2027, vous reviennent : l’avoir "
                        + credit.number() + " vous rembourse 104,45\u00a0€ TTC (87,04\u00a0€ HT + TVA 20\u00a0% "
                        + "17,41\u00a0€), immédiatement.");
        assertThat(mail.html()).contains("104,45\u00a0€", "87,04\u00a0€", "30 novembre 2026", "21 août 2027",
                credit.number());
        assertThat(mailbox.to(alice.email())).hasSize(1);
    }

    @Test
    void aRetriedRefundStepIssuesNothingTwice() {
        chain.open(alice, "119.88", BillingCycle.YEARLY, LocalDate.of(2026, 8, 22));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2026, 11, 30));
        Transfer toCarol = chain.handOver(bob, carol, BillingMode.IMMEDIATE, LocalDate.of(2026, 11, 30));

        steps.refundSender(toCarol.id());
        billing.refundUnusedDays(transfers.findById(toCarol.id()).orElseThrow());

        assertThat(documentsOf(alice, Invoice.Kind.CREDIT_NOTE)).singleElement()
                .satisfies(credit -> assertThat(credit.amounts()).isEqualTo(Taxed.domestic("87.04", "17.41")));
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
    }

    @Test
    void threeHandsLaterTheFirstPayerIsStillTheOneRefunded() {
        // A pays 9.99 for January; A → B and B → C at renewal, then C → D on acceptance on 17 January
        chain.open(alice, "9.99", BillingCycle.MONTHLY, LocalDate.of(2026, 1, 1));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2026, 1, 5));
        chain.handOver(bob, carol, BillingMode.AT_RENEWAL, LocalDate.of(2026, 1, 10));
        chain.handOver(carol, dave, BillingMode.IMMEDIATE, LocalDate.of(2026, 1, 17));
        chain.finish();

        // 9.99 × 15 / 31 = 4.8338… → 4.83 net, 0.966 → 0.97 VAT
        Invoice credit = only(documentsOf(alice, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amounts()).isEqualTo(Taxed.domestic("4.83", "0.97"));
        assertThat(credit.servicePeriod()).isEqualTo(period("2026-01-17", "2026-02-01"));
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
        assertThat(invoices.findByProfile(carol.id(), Pageable.unpaged()).getContent()).as("both renewal timers find a closed subscription").isEmpty();
        assertThat(only(invoices.findByProfile(dave.id(), Pageable.unpaged()).getContent()).servicePeriod()).isEqualTo(period("2026-01-17", "2026-02-17"));
    }

    @Test
    void afterTheRenewalTheRecipientInvoicedAtRenewalIsThePayer() {
        // A pays [2027-06-01, 2028-06-01) and hands over at renewal; B is invoiced [2028-06-01, 2029-06-01) on
        // the renewal date, hands on to C at renewal, and C to D on acceptance on 2029-03-01
        chain.open(alice, "119.88", BillingCycle.YEARLY, LocalDate.of(2027, 6, 1));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2027, 9, 1));
        chain.handOver(bob, carol, BillingMode.AT_RENEWAL, LocalDate.of(2028, 7, 1));
        assertThat(only(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).servicePeriod()).isEqualTo(period("2028-06-01", "2029-06-01"));
        chain.handOver(carol, dave, BillingMode.IMMEDIATE, LocalDate.of(2029, 3, 1));
        chain.finish();

        // 119.88 × 92 / 365 = 30.2163… → 30.22 net, 6.044 → 6.04 VAT, to Bob; Alice's year ended long before
        Invoice credit = only(documentsOf(bob, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amounts()).isEqualTo(Taxed.domestic("30.22", "6.04"));
        assertThat(credit.amount()).isEqualTo(Money.euros("36.26"));
        assertThat(credit.servicePeriod()).isEqualTo(period("2029-03-01", "2029-06-01"));
        assertThat(documentsOf(alice, Invoice.Kind.CREDIT_NOTE)).isEmpty();
        assertThat(invoices.findByProfile(carol.id(), Pageable.unpaged()).getContent()).isEmpty();
    }

    @Test
    void aCreditAlreadyGivenOnThePayersInvoiceIsLeftOutAndTheRoundingIsHalfUp() {
        // A pays 9.99 for April and is given 2.00 back as goodwill; A → B at renewal, B → C on acceptance on 16 April
        chain.open(alice, "9.99", BillingCycle.MONTHLY, LocalDate.of(2026, 4, 1));
        Invoice paid = only(documentsOf(alice, Invoice.Kind.INVOICE));
        Subscription alices = chain.active();
        transaction.executeWithoutResult(status -> ledger.refund("goodwill:" + Fixtures.unique(), paid.billedTo(), paid,
                alices, paid.servicePeriod(), Money.euros("2.00")));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2026, 4, 5));
        chain.handOver(bob, carol, BillingMode.IMMEDIATE, LocalDate.of(2026, 4, 16));

        // the goodwill: 2.00 net + 0.40 VAT; then (9.99 − 2.00) × 15 / 30 = 3.995 → 4.00 net + 0.80 VAT, which
        // leaves 3.99 net and 2.00 − 0.40 − 0.80 = 0.80 VAT
        assertThat(documentsOf(alice, Invoice.Kind.CREDIT_NOTE)).extracting(Invoice::amounts)
                .containsExactlyInAnyOrder(Taxed.domestic("2.00", "0.40"), Taxed.domestic("4.00", "0.80"));
        assertThat(ledger.creditableOn(paid)).isEqualTo(Taxed.domestic("3.99", "0.80"));
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
    }

    @Test
    void handedBackOnAcceptanceToWhoPaidTheYearItIsRefundedAndInvoicedAfresh() {
        chain.open(alice, "119.88", BillingCycle.YEARLY, LocalDate.of(2026, 3, 1));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2026, 3, 1));
        chain.handOver(bob, alice, BillingMode.IMMEDIATE, LocalDate.of(2026, 3, 1));

        // 365 / 365: the whole year back, VAT and all, and a whole year invoiced from the same day
        assertThat(only(documentsOf(alice, Invoice.Kind.CREDIT_NOTE)).amounts())
                .isEqualTo(Taxed.domestic("119.88", "23.98"));
        assertThat(documentsOf(alice, Invoice.Kind.INVOICE)).extracting(Invoice::servicePeriod)
                .containsExactly(period("2026-03-01", "2027-03-01"), period("2026-03-01", "2027-03-01"));
        assertThat(invoices.findByProfile(bob.id(), Pageable.unpaged()).getContent()).isEmpty();
    }

    @Test
    void aSenderWhoPaidTheYearBeforeARoundTripAtRenewalGetsTheSendersRefund() {
        // A → B and B → A at renewal, then A → C on acceptance: A paid the period, so B4 applies as ever
        chain.open(alice, "9.99", BillingCycle.MONTHLY, LocalDate.of(2026, 1, 1));
        chain.handOver(alice, bob, BillingMode.AT_RENEWAL, LocalDate.of(2026, 1, 3));
        chain.handOver(bob, alice, BillingMode.AT_RENEWAL, LocalDate.of(2026, 1, 10));
        Transfer toCarol = chain.handOver(alice, carol, BillingMode.IMMEDIATE, LocalDate.of(2026, 1, 17));

        Invoice credit = only(documentsOf(alice, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amount()).isEqualTo(Money.euros("5.80"));
        assertThat(credit.idempotencyKey()).isEqualTo(TransferKeys.senderRefund(toCarol.id()));
        assertThat(billing.preview(toCarol, TransferBilling.Reader.OTHER).orElseThrow().previousPayerRefund()).isEmpty();
        mails.previousPayerRefunded(toCarol.id());
        assertThat(mailbox.to(alice.email())).as("no mail as a previous payer").isEmpty();
    }

    private List<Invoice> documentsOf(Profile profile, Invoice.Kind kind) {
        return invoices.findByProfile(profile.id(), Pageable.unpaged()).getContent().stream().filter(i -> i.kind() == kind).toList();
    }

    private static BillingPeriod period(String start, String end) {
        return new BillingPeriod(LocalDate.parse(start), LocalDate.parse(end));
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
