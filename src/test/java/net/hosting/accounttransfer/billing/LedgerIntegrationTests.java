package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.Taxed;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

class LedgerIntegrationTests extends FixedDateIntegrationTest {

    /** The year of {@link #TODAY}, which numbers every document issued on it. */
    private static final int YEAR = 2028;

    @Autowired
    Ledger ledger;

    @Autowired
    SubscriptionRepository subscriptions;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    private Profile owner;
    private Subscription subscription;
    private BillingIdentity identity;

    @BeforeEach
    void aPaidAccount() {
        owner = fixtures.customer("Lena", Profile.Language.EN);
        Account account = fixtures.paidAccount(owner, "9.99", BillingCycle.MONTHLY, 3);
        subscription = subscriptions.findActiveByAccount(account.id()).orElseThrow();
        identity = owner.billingIdentity();
    }

    @Test
    void numbersOfTheYearRunFromOneWithoutGapOrDuplicateWhenManyIssueAtOnceAndSomeRollBack() throws Exception {
        int threads = 8;
        int perThread = 25;
        String run = Fixtures.unique();
        AtomicInteger committed = new AtomicInteger();
        List<String> rolledBackKeys = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(pool.submit(() -> {
                for (int i = 0; i < perThread; i++) {
                    String key = "numbering:" + run + ":" + thread + ":" + i;
                    boolean rollBack = (thread + i) % 4 == 0;
                    transaction.executeWithoutResult(status -> {
                        Invoice issued = invoice(key, "1.00").orElseThrow();
                        assertThat(issued.number()).matches("\\d{4}-\\d{6}");
                        if (rollBack) {
                            // the number was taken and must come back, or the year would have a hole
                            status.setRollbackOnly();
                        }
                    });
                    if (rollBack) {
                        rolledBackKeys.add(key);
                    } else {
                        committed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : work) {
            future.get(120, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Map<String, Object> numbers = jdbc.queryForMap("""
                select count(*) as documents, count(distinct sequence) as distinct_numbers,
                       min(sequence) as lowest, max(sequence) as highest,
                       count(*) filter (where number <> to_char(year, 'FM0000') || '-' || to_char(sequence, 'FM000000')) as misnamed,
                       (select last_value from document_sequence where year = ?) as counter
                from invoice where year = ?""", YEAR, YEAR);
        long documents = ((Number) numbers.get("documents")).longValue();

        assertThat(committed.get()).isEqualTo(threads * perThread - rolledBackKeys.size());
        assertThat(rolledBackKeys).isNotEmpty();
        assertThat(jdbc.queryForObject("select count(*) from invoice where idempotency_key like ?", Long.class,
                "numbering:" + run + ":%")).isEqualTo(committed.get());
        assertThat(jdbc.queryForObject("select count(*) from invoice where idempotency_key = any(?)", Long.class,
                (Object) rolledBackKeys.toArray(String[]::new))).isZero();
        assertThat(((Number) numbers.get("lowest")).longValue()).isEqualTo(1);
        assertThat(((Number) numbers.get("highest")).longValue()).as("no gap").isEqualTo(documents);
        assertThat(((Number) numbers.get("distinct_numbers")).longValue()).as("no duplicate").isEqualTo(documents);
        assertThat(((Number) numbers.get("misnamed")).longValue()).as("numbers are YYYY-000123").isZero();
        assertThat(((Number) numbers.get("counter")).longValue()).as("no number lost").isEqualTo(documents);
    }

    @Test
    void aSecondCallerWithTheSameKeyWaitsAndGetsTheFirstDocumentInsteadOfFailing() {
        String key = "race:" + Fixtures.unique();

        WhileAnotherHolds.Race<Invoice, Invoice> race = WhileAnotherHolds.race(transaction, jdbc,
                () -> invoice(key, "9.99").orElseThrow(),
                () -> transaction.execute(status -> invoice(key, "9.99").orElseThrow()));

        assertThat(race.secondWaited()).as("the second caller queued behind the first").isTrue();
        assertThat(race.second().orThrow().id()).isEqualTo(race.first().orThrow().id());
        assertThat(race.second().orThrow().number()).isEqualTo(race.first().orThrow().number());
        assertThat(countWithKey(key)).isEqualTo(1);
    }

    @Test
    void aRepeatedKeyReturnsTheDocumentAlreadyIssuedAndTakesNoNumber() {
        String key = "repeat:" + Fixtures.unique();
        Invoice first = transaction.execute(status -> invoice(key, "9.99").orElseThrow());
        int counter = counter();

        Invoice again = transaction.execute(status -> invoice(key, "9.99").orElseThrow());

        assertThat(again.id()).isEqualTo(first.id());
        assertThat(again.number()).isEqualTo(first.number());
        assertThat(counter()).isEqualTo(counter);
        assertThat(countWithKey(key)).isEqualTo(1);
    }

    @Test
    void aZeroAmountIssuesNothingAndTakesNoNumber() {
        Invoice paid = transaction.execute(status -> invoice("paid:" + Fixtures.unique(), "9.99").orElseThrow());
        int counter = counter();
        String invoiceKey = "free:" + Fixtures.unique();
        String refundKey = "nothing-back:" + Fixtures.unique();

        Optional<Invoice> invoice = transaction.execute(status -> invoice(invoiceKey, "0.00"));
        Optional<Invoice> refund = transaction.execute(status -> refund(refundKey, paid, "0.00"));

        assertThat(invoice).isEmpty();
        assertThat(refund).isEmpty();
        assertThat(countWithKey(invoiceKey)).isZero();
        assertThat(countWithKey(refundKey)).isZero();
        assertThat(counter()).isEqualTo(counter);
    }

    @Test
    void negativeAmountsAreRefusedRatherThanIssued() {
        Invoice paid = transaction.execute(status -> invoice("paid:" + Fixtures.unique(), "9.99").orElseThrow());

        assertThatIllegalArgumentException().isThrownBy(() -> transaction.execute(status ->
                invoice("minus:" + Fixtures.unique(), "-1.00")));
        assertThatIllegalArgumentException().isThrownBy(() -> transaction.execute(status ->
                refund("minus:" + Fixtures.unique(), paid, "-1.00")));
    }

    @Test
    void creditsAgainstOneInvoiceNeverAddUpToMoreThanItsAmount() {
        Invoice paid = transaction.execute(status -> invoice("paid:" + Fixtures.unique(), "9.99").orElseThrow());
        // 9.99 net + 1.998 → 2.00 VAT; a credit of 5.00 net carries 1.00 VAT
        transaction.execute(status -> refund("first:" + Fixtures.unique(), paid, "5.00").orElseThrow());

        assertThat(ledger.creditableOn(paid)).isEqualTo(Taxed.domestic("4.99", "1.00"));
        String tooMuch = "too-much:" + Fixtures.unique();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> transaction.execute(status -> refund(tooMuch, paid, "5.00")))
                .withMessageContaining("4.99");
        assertThat(countWithKey(tooMuch)).isZero();

        Invoice rest = transaction.execute(status -> refund("rest:" + Fixtures.unique(), paid, "4.99").orElseThrow());

        assertThat(rest.kind()).isEqualTo(Invoice.Kind.CREDIT_NOTE);
        assertThat(rest.creditedInvoiceId()).isEqualTo(paid.id());
        assertThat(rest.refundedAt()).isEqualTo(rest.issuedAt());
        // 4.99 × 20% = 0.998 → 1.00, exactly the VAT left
        assertThat(rest.amounts()).isEqualTo(Taxed.domestic("4.99", "1.00"));
        assertThat(ledger.creditableOn(paid)).isEqualTo(Taxed.domestic("0.00", "0.00"));
    }

    @Test
    void twoCreditsRacingUnderDifferentKeysCannotTogetherExceedTheInvoice() {
        Invoice paid = transaction.execute(status -> invoice("paid:" + Fixtures.unique(), "9.99").orElseThrow());

        WhileAnotherHolds.Race<Invoice, Optional<Invoice>> race = WhileAnotherHolds.race(transaction, jdbc,
                () -> refund("one:" + Fixtures.unique(), paid, "6.00").orElseThrow(),
                () -> transaction.execute(status -> refund("two:" + Fixtures.unique(), paid, "6.00")));

        assertThat(race.secondWaited()).isTrue();
        // 6.00 net + 1.20 VAT
        assertThat(race.first().orThrow().amount()).isEqualTo(Money.euros("7.20"));
        assertThat(race.second().failure()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("3.99");
        assertThat(ledger.creditableOn(paid)).isEqualTo(Taxed.domestic("3.99", "0.80"));
    }

    @Test
    void creditsNeverGiveBackMoreVatThanTheInvoiceCharged() {
        // 0.07 net × 20% = 0.014 → 0.01 VAT; 0.03 back carries 0.006 → 0.01, all of it; 0.04 more would carry
        // 0.008 → 0.01, but no VAT is left, so it carries none
        Invoice paid = transaction.execute(status -> invoice("small:" + Fixtures.unique(), "0.07").orElseThrow());
        assertThat(paid.amounts()).isEqualTo(Taxed.domestic("0.07", "0.01"));

        Invoice first = transaction.execute(status -> refund("small-1:" + Fixtures.unique(), paid, "0.03").orElseThrow());
        Invoice second = transaction.execute(status -> refund("small-2:" + Fixtures.unique(), paid, "0.04").orElseThrow());

        assertThat(first.amounts()).isEqualTo(Taxed.domestic("0.03", "0.01"));
        assertThat(second.amounts()).isEqualTo(Taxed.domestic("0.04", "0.00"));
        assertThat(second.amount()).isEqualTo(Money.euros("0.04"));
        assertThat(ledger.creditableOn(paid)).isEqualTo(Taxed.domestic("0.00", "0.00"));
    }

    @Test
    void aCreditNoteKeepsTheRateAndTreatmentOfItsInvoiceWhateverItsBuyerIsNow() {
        Invoice paid = transaction.execute(status -> invoice("domestic:" + Fixtures.unique(), "9.99").orElseThrow());
        // the buyer has since become a Belgian business with a VAT number: new invoices reverse-charge
        BillingIdentity nowBelgian = new BillingIdentity(identity.name(), "Lena SRL", identity.address(),
                identity.email(), "BE", "BE0123456749", identity.language());

        Invoice credit = transaction.execute(status -> ledger.refund("moved:" + Fixtures.unique(), nowBelgian, paid,
                subscription, subscription.currentPeriod(), Money.euros("4.83")).orElseThrow());
        Invoice fresh = transaction.execute(status -> ledger.invoice("after-move:" + Fixtures.unique(), nowBelgian,
                owner.id(), subscription, "ledger-test", subscription.currentPeriod(), Money.euros("9.99")).orElseThrow());

        // 4.83 × 20% = 0.966 → 0.97, as on the invoice it credits (V4)
        assertThat(credit.amounts()).isEqualTo(Taxed.domestic("4.83", "0.97"));
        assertThat(credit.amount()).isEqualTo(Money.euros("5.80"));
        assertThat(credit.billedTo().country()).isEqualTo("BE");
        assertThat(fresh.amounts()).isEqualTo(Taxed.of(VatTreatment.REVERSE_CHARGE, "0", "9.99", "0.00"));
        assertThat(fresh.billedTo().vatNumber()).isEqualTo("BE0123456749");
    }

    @Test
    void aDocumentIssuedBeforeVatIsCreditedWithoutVatAsItWasIssued() {
        Invoice paid = transaction.execute(status -> invoice("before-vat:" + Fixtures.unique(), "9.99").orElseThrow());
        // what Flyway V9 made of the documents issued before this service charged VAT
        jdbc.update("""
                update invoice set amount = net, vat = 0, vat_rate = 0, vat_treatment = 'NONE', billed_country = null
                where id = ?""", paid.id());
        Invoice old = transaction.execute(status -> ledger.findByKey(paid.idempotencyKey()).orElseThrow());

        Invoice credit = transaction.execute(status -> refund("old-credit:" + Fixtures.unique(), old, "4.83")
                .orElseThrow());

        assertThat(credit.amounts()).isEqualTo(Taxed.of(VatTreatment.NONE, "0", "4.83", "0.00"));
        assertThat(credit.billedTo().country()).isNull();
        assertThat(ledger.creditableOn(old)).isEqualTo(Taxed.of(VatTreatment.NONE, "0", "5.16", "0.00"));
    }

    @Test
    void onlyAnInvoiceCanBeCredited() {
        Invoice paid = transaction.execute(status -> invoice("paid:" + Fixtures.unique(), "9.99").orElseThrow());
        Invoice credit = transaction.execute(status -> refund("credit:" + Fixtures.unique(), paid, "1.00").orElseThrow());

        assertThatIllegalArgumentException().isThrownBy(() -> transaction.execute(status ->
                refund("credit-of-credit:" + Fixtures.unique(), credit, "0.50")));
    }

    private Optional<Invoice> invoice(String key, String amount) {
        return ledger.invoice(key, identity, owner.id(), subscription, "ledger-test", subscription.currentPeriod(),
                Money.euros(amount));
    }

    private Optional<Invoice> refund(String key, Invoice against, String amount) {
        return ledger.refund(key, identity, against, subscription, subscription.currentPeriod(), Money.euros(amount));
    }

    private long countWithKey(String key) {
        return jdbc.queryForObject("select count(*) from invoice where idempotency_key = ?", Long.class, key);
    }

    private int counter() {
        return jdbc.queryForObject("select last_value from document_sequence where year = ?", Integer.class, YEAR);
    }
}
