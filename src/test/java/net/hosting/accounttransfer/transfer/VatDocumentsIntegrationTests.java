package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.billing.VatTreatment;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Taxed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Pageable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * V2 and V4 worked by hand on real dates, through the steps the process runs: each row of the V2 table on the
 * invoice a buyer receives, and PRODUCT.md's three worked credit notes, at the rate and treatment of the invoice
 * they credit whatever the buyer's data says by then.
 */
class VatDocumentsIntegrationTests extends IntegrationTest {

    @Autowired TransferRepository transfers;
    @Autowired TransferSteps steps;
    @Autowired TransferBilling billing;
    @Autowired AccountRepository accounts;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired InvoiceRepository invoices;
    @Autowired Ledger ledger;
    @Autowired ProfileService profiles;
    @Autowired TransactionTemplate transaction;

    private ChainDriver chain;

    @BeforeEach
    void driver() {
        chain = new ChainDriver(transfers, steps, accounts, subscriptions, ledger, billing, transaction);
    }

    @Test
    void aFrenchConsumerPaysFrenchVatAndGetsItsShareBackFirstWorkedExample() {
        Profile alice = fixtures.customerIn("FR", "Alice", null, null);
        Profile chris = fixtures.customerIn("CH", "Chris", null, null);
        chain.open(alice, "9.99", BillingCycle.MONTHLY, LocalDate.of(2026, 1, 1));

        chain.handOver(alice, chris, BillingMode.IMMEDIATE, LocalDate.of(2026, 1, 17));

        // DOMESTIC: 9.99 × 20% = 1.998 → 2.00, total 11.99
        Invoice paid = only(documentsOf(alice, Invoice.Kind.INVOICE));
        assertThat(paid.amounts()).isEqualTo(Taxed.domestic("9.99", "2.00"));
        assertThat(paid.amount()).isEqualTo(Money.euros("11.99"));
        // V4, first row: 9.99 × 15/31 = 4.83 net, 4.83 × 20% = 0.966 → 0.97 VAT, 5.80 back
        Invoice credit = only(documentsOf(alice, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amounts()).isEqualTo(Taxed.domestic("4.83", "0.97"));
        assertThat(credit.amount()).isEqualTo(Money.euros("5.80"));
        // OUTSIDE_EU: no VAT, 9.99 in all
        Invoice chrisPays = only(documentsOf(chris, Invoice.Kind.INVOICE));
        assertThat(chrisPays.amounts()).isEqualTo(Taxed.of(VatTreatment.OUTSIDE_EU, "0", "9.99", "0.00"));
        assertThat(chrisPays.billedTo().country()).isEqualTo("CH");
    }

    @Test
    void aBelgianBusinessReverseChargesAndGetsTheNetBackSecondWorkedExample() {
        Profile bob = fixtures.customerIn("BE", "Bob", "Smith Web SRL", "BE0123456749");
        Profile france = fixtures.customerIn("FR", "Francoise", "Martin Conseil SARL", "FR11123456782");
        chain.open(bob, "119.88", BillingCycle.YEARLY, LocalDate.of(2027, 6, 1));

        chain.handOver(bob, france, BillingMode.IMMEDIATE, LocalDate.of(2028, 2, 29));

        // REVERSE_CHARGE: 0%, 119.88 in all, the buyer's number on the document
        Invoice paid = only(documentsOf(bob, Invoice.Kind.INVOICE));
        assertThat(paid.amounts()).isEqualTo(Taxed.of(VatTreatment.REVERSE_CHARGE, "0", "119.88", "0.00"));
        assertThat(paid.billedTo().vatNumber()).isEqualTo("BE0123456749");
        // V4, second row: 119.88 × 93/366 = 30.4613 → 30.46, no VAT, 30.46 back
        Invoice credit = only(documentsOf(bob, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amounts()).isEqualTo(Taxed.of(VatTreatment.REVERSE_CHARGE, "0", "30.46", "0.00"));
        assertThat(credit.amount()).isEqualTo(Money.euros("30.46"));
        // DOMESTIC for a French business with a VAT number too: 119.88 × 20% = 23.976 → 23.98, total 143.86
        Invoice francePays = only(documentsOf(france, Invoice.Kind.INVOICE));
        assertThat(francePays.amounts()).isEqualTo(Taxed.domestic("119.88", "23.98"));
        assertThat(francePays.amount()).isEqualTo(Money.euros("143.86"));
    }

    @Test
    void aGermanConsumerPaysGermanVatAndKeepsItOnTheCreditAfterMovingThirdWorkedExample() {
        Profile carol = fixtures.customerIn("DE", "Carol", null, null);
        Profile hanna = fixtures.customerIn("HU", "Hanna", null, null);
        chain.open(carol, "4.99", BillingCycle.MONTHLY, LocalDate.of(2026, 4, 1));
        // Carol moves to Paris before handing over: her next invoice would be French, her old one stays German
        profiles.change(carol.id(), new ProfileService.Change(null, null, null, null, null, "Paris", null, "FR", null),
                new Actor(carol.email(), "127.0.0.1"));

        chain.handOver(carol, hanna, BillingMode.IMMEDIATE, LocalDate.of(2026, 4, 16));

        // EU_CONSUMER: 4.99 × 19% = 0.9481 → 0.95, total 5.94
        Invoice paid = only(documentsOf(carol, Invoice.Kind.INVOICE));
        assertThat(paid.amounts()).isEqualTo(Taxed.of(VatTreatment.EU_CONSUMER, "19", "4.99", "0.95"));
        assertThat(paid.amount()).isEqualTo(Money.euros("5.94"));
        // V4, third row: 4.99 × 15/30 = 2.495 → 2.50 net, 2.50 × 19% = 0.475 → 0.48 VAT, 2.98 back, at the German
        // rate of the invoice it credits though Carol is French by now
        Invoice credit = only(documentsOf(carol, Invoice.Kind.CREDIT_NOTE));
        assertThat(credit.amounts()).isEqualTo(Taxed.of(VatTreatment.EU_CONSUMER, "19", "2.50", "0.48"));
        assertThat(credit.amount()).isEqualTo(Money.euros("2.98"));
        assertThat(credit.billedTo().country()).as("the snapshot of the day (B8)").isEqualTo("FR");
        // EU_CONSUMER in Hungary: 4.99 × 27% = 1.3473 → 1.35, total 6.34
        Invoice hannaPays = only(documentsOf(hanna, Invoice.Kind.INVOICE));
        assertThat(hannaPays.amounts()).isEqualTo(Taxed.of(VatTreatment.EU_CONSUMER, "27", "4.99", "1.35"));
        assertThat(hannaPays.amount()).isEqualTo(Money.euros("6.34"));
    }

    @Test
    void aCompanyInAnotherMemberStateWithoutAVatNumberIsChargedItsCountrysVat() {
        Profile ana = fixtures.customerIn("ES", "Ana", "Estudio SL", null);
        chain.open(ana, "9.99", BillingCycle.MONTHLY, LocalDate.of(2026, 1, 1));

        // 9.99 × 21% = 2.0979 → 2.10, total 12.09: no number, no reverse charge
        Invoice paid = only(documentsOf(ana, Invoice.Kind.INVOICE));
        assertThat(paid.amounts()).isEqualTo(Taxed.of(VatTreatment.EU_CONSUMER, "21", "9.99", "2.10"));
        assertThat(paid.amount()).isEqualTo(Money.euros("12.09"));
    }

    private List<Invoice> documentsOf(Profile profile, Invoice.Kind kind) {
        return invoices.findByProfile(profile.id(), Pageable.unpaged()).getContent().stream()
                .filter(i -> i.kind() == kind).toList();
    }

    private static <T> T only(List<T> list) {
        assertThat(list).hasSize(1);
        return list.get(0);
    }
}
