package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.account.AccountRepository;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.Ledger;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileRepository;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.profile.VatNumber;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;
import net.jqwik.time.api.Dates;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestContextManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * B9 over whole chains: one account handed on up to five times within its periods, with random billing modes,
 * acceptance days, recipients and profile changes, on the real services and the embedded PostgreSQL. After each
 * chain, every day from the first period's start to the current period's end is paid exactly once, every credit is
 * B4 on what its invoice had left, net and VAT each (V4), no refund exceeds it, and every document issued is what the
 * preview said at acceptance (ChainDriver). The parties are a French consumer, a Belgian business with a VAT number
 * (reverse charge), a German consumer (19%) and a Finnish consumer (25.5%), so every treatment of an EU buyer is met.
 */
class TransferChainProperties extends IntegrationTest {

    /** Customers shared by every chain; each chain has its own account, so documents never mix. */
    private static final int PARTIES = 4;
    /** Each party's country, VAT number and the rate its invoices carry: FR 20%, BE reverse charge, DE 19%, FI 25.5%. */
    private static final String[] COUNTRIES = {"FR", "BE", "DE", "FI"};
    private static final String[] VAT_NUMBERS = {null, "BE0123456749", null, null};
    private static final String[] RATES = {"20", "0", "19", "25.5"};
    private final Map<Long, BigDecimal> rates = new HashMap<>();

    @Autowired TransferRepository transfers;
    @Autowired TransferSteps steps;
    @Autowired AccountRepository accounts;
    @Autowired SubscriptionRepository subscriptions;
    @Autowired ProfileRepository profileRepository;
    @Autowired ProfileService profiles;
    @Autowired Ledger ledger;
    @Autowired TransferBilling billing;
    @Autowired TransactionTemplate transaction;
    @Autowired JdbcTemplate jdbc;

    private final List<Profile> parties = new ArrayList<>();
    /** Each party's name now: renames in one chain carry over to the next. */
    private final Map<Long, String> names = new HashMap<>();

    /** One hand-over: to which other party (counted on from the holder), how, after how many days, and renamed before. */
    record Step(int recipientOffset, BillingMode mode, int daysLater, boolean renameFirst) {
    }

    record Chain(BillingCycle cycle, String price, LocalDate anchor, List<Step> steps) {
    }

    /** A profile renamed once every document up to {@code lastDocumentBefore} was issued. */
    record Rename(long lastDocumentBefore, long profileId, String name) {
    }

    /** What a chain left: its account, the names when it began, and the renames on the way. */
    record Run(Account account, Map<Long, String> namesAtStart, List<Rename> renames) {
    }

    /** A document as stored, read back for the checks. */
    record Document(long id, String kind, long profileId, LocalDate start, LocalDate end, BigDecimal amount,
            Long credits, String billedName, BigDecimal net, BigDecimal vatRate, BigDecimal vat) {

        long days() {
            return ChronoUnit.DAYS.between(start, end);
        }
    }

    @BeforeProperty
    void springContextAndParties() throws Exception {
        // jqwik runs this class, not JUnit Jupiter, so the Spring test context (the one all integration tests share) is joined by hand
        new TestContextManager(getClass()).prepareTestInstance(this);
        for (int i = 0; i < PARTIES; i++) {
            String email = "chain-" + i + "-" + Fixtures.unique() + "@example.test";
            // no sign-in happens here, so the password hash is never checked (and BCrypt would cost the tries)
            parties.add(profileRepository.save(new Profile(email, "{noop}unused", "Party " + i,
                    VAT_NUMBERS[i] == null ? null : "Party " + i + " SRL", i + " Chain Street", COUNTRIES[i],
                    VAT_NUMBERS[i] == null ? null : VatNumber.of(VAT_NUMBERS[i], COUNTRIES[i]), Profile.Language.EN,
                    Instant.now())));
            rates.put(parties.get(i).id(), new BigDecimal(RATES[i]));
            names.put(parties.get(i).id(), "Party " + i);
        }
    }

    @Provide
    Arbitrary<Chain> chains() {
        Arbitrary<BillingCycle> cycles = Arbitraries.of(BillingCycle.class);
        // From 1.83 up a single day of a 366-day period is worth at least half a cent, so B4 never rounds a
        // credit of whole days down to zero (B5 then issues nothing, and those days would stay paid by two).
        Arbitrary<String> prices = Arbitraries.oneOf(Arbitraries.of("119.88", "9.99", "4.99", "1.83"),
                Arbitraries.bigDecimals().between(new BigDecimal("1.83"), new BigDecimal("999.99")).ofScale(2)
                        .map(BigDecimal::toPlainString));
        var anyDate = Dates.dates().between(LocalDate.of(2024, 1, 1), LocalDate.of(2030, 12, 31));
        Arbitrary<LocalDate> anchors = Arbitraries.oneOf(anyDate, anyDate.dayOfMonthBetween(28, 31));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, PARTIES - 2),
                        Arbitraries.of(BillingMode.class), Arbitraries.integers().between(0, 400), Arbitraries.of(true, false))
                .as(Step::new);
        return Combinators.combine(cycles, prices, anchors, step.list().ofMinSize(1).ofMaxSize(5)).as(Chain::new);
    }

    @Property(tries = 1000)
    void everyDayIsPaidExactlyOnceAndNoRefundExceedsWhatItsInvoiceHadLeft(@ForAll("chains") Chain chain) {
        // each step commits on its own, as the process's jobs do
        Run run = run(chain);
        List<Document> documents = documentsOf(run.account());

        assertEveryDayPaidExactlyOnce(chain, run.account(), documents);
        assertEachDocumentCarriesTheNameOfItsDay(run, documents);
        assertCreditsAreB4OnWhatWasLeft(documents);
        assertThat(documents).allSatisfy(document -> assertThat(document.amount())
                .as("total = net + VAT: %s", document).isEqualByComparingTo(document.net().add(document.vat())));
        // V1, V2: the price is the net, taxed at the payer's rate, rounded once
        assertThat(documents).filteredOn(d -> d.kind().equals("INVOICE")).allSatisfy(invoice -> {
            assertThat(invoice.net()).isEqualByComparingTo(chain.price());
            assertThat(invoice.vatRate()).as("rate of %s", invoice).isEqualByComparingTo(rates.get(invoice.profileId()));
            assertThat(invoice.vat()).as("VAT of %s", invoice).isEqualByComparingTo(new BigDecimal(chain.price())
                    .multiply(invoice.vatRate()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP));
        });
    }

    private Run run(Chain chain) {
        ChainDriver driver = new ChainDriver(transfers, steps, accounts, subscriptions, ledger, billing, transaction);
        int holder = 0;
        Map<Long, String> namesAtStart = new HashMap<>(names);
        List<Rename> renames = new ArrayList<>();
        Account account = driver.open(profileRepository.findById(parties.get(holder).id()).orElseThrow(),
                chain.price(), chain.cycle(), chain.anchor());
        LocalDate day = chain.anchor();
        for (Step step : chain.steps()) {
            int recipient = (holder + 1 + step.recipientOffset()) % PARTIES;
            if (step.renameFirst()) {
                // B8 on the way: documents issued from now on carry the new name
                Profile renamed = parties.get(recipient);
                String name = "Party " + recipient + " renamed " + Fixtures.unique();
                long lastDocument = jdbc.queryForObject("select coalesce(max(id), 0) from invoice", Long.class);
                profiles.change(renamed.id(), new ProfileService.Change(null, null, null, name, null, null, null),
                        new Actor(renamed.email(), "127.0.0.1"));
                renames.add(new Rename(lastDocument, renamed.id(), name));
                names.put(renamed.id(), name);
            }
            // a monthly period is short, so its steps are scaled down to land inside it as often as a yearly one's
            int later = chain.cycle() == BillingCycle.MONTHLY ? step.daysLater() / 13 : step.daysLater();
            day = day.plusDays(later);
            driver.fireTimersDueBy(day);
            // only a renewal moves a period on; without one, acceptance stays within the period held
            if (day.isAfter(driver.lastDayOfActivePeriod())) {
                day = driver.lastDayOfActivePeriod();
            }
            driver.handOver(parties.get(holder), parties.get(recipient), step.mode(), day);
            holder = recipient;
        }
        driver.finish();
        return new Run(account, namesAtStart, renames);
    }

    /** B8: a document carries its payer's name as it was when the document was issued. */
    private static void assertEachDocumentCarriesTheNameOfItsDay(Run run, List<Document> documents) {
        for (Document document : documents) {
            String expected = run.namesAtStart().get(document.profileId());
            for (Rename rename : run.renames()) {
                if (rename.profileId() == document.profileId() && rename.lastDocumentBefore() < document.id()) {
                    expected = rename.name();
                }
            }
            assertThat(document.billedName()).as("billed name of %s", document).isEqualTo(expected);
        }
    }

    private void assertEveryDayPaidExactlyOnce(Chain chain, Account account, List<Document> documents) {
        Map<Long, Document> byId = new HashMap<>();
        documents.forEach(d -> byId.put(d.id(), d));
        TreeMap<LocalDate, Integer> paid = new TreeMap<>();
        for (Document document : documents) {
            int sign = document.kind().equals("INVOICE") ? 1 : -1;
            if (sign < 0) {
                Document invoice = byId.get(document.credits());
                assertThat(document.profileId()).as("a credit goes to whoever paid the invoice it credits: %s", document)
                        .isEqualTo(invoice.profileId());
                assertThat(document.start()).as("credited days lie in the invoice's period: %s", document)
                        .isAfterOrEqualTo(invoice.start());
                assertThat(document.end()).as("credits end on the invoice's end: %s", document).isEqualTo(invoice.end());
            }
            document.start().datesUntil(document.end()).forEach(day -> paid.merge(day, sign, Integer::sum));
        }
        LocalDate first = chain.anchor();
        // up to the end of the period the account is held in now: a period an IMMEDIATE hand-over credited in full
        // (accepted on its first day) may reach past it, e.g. anchored on the 30th, [02-29, 03-30) credited and the
        // new holder's [02-29, 03-29) invoiced, so 03-29 is then nobody's yet and belongs to the next renewal
        LocalDate last = jdbc.queryForObject(
                "select current_period_end from subscription where account_id = ? and status = 'ACTIVE'",
                LocalDate.class, account.id());
        List<String> wrong = first.datesUntil(last)
                .filter(day -> paid.getOrDefault(day, 0) != 1)
                .map(day -> day + " paid " + paid.getOrDefault(day, 0) + " times").limit(5).toList();
        assertThat(wrong).as("days not paid exactly once, among documents %s", documents).isEmpty();
        assertThat(paid.headMap(first).values()).allMatch(times -> times == 0);
        assertThat(paid.tailMap(last).values()).allMatch(times -> times == 0);
    }

    /**
     * B4, B5 and V4, worked out here: creditNet = round_half_up((net − earlier credits' net) × days credited / days
     * invoiced), creditVat = round_half_up(creditNet × the invoice's rate), never more than the invoice's VAT left;
     * so net and VAT are each given back at most once.
     */
    private static void assertCreditsAreB4OnWhatWasLeft(List<Document> documents) {
        for (Document invoice : documents) {
            if (!invoice.kind().equals("INVOICE")) {
                continue;
            }
            BigDecimal netLeft = invoice.net();
            BigDecimal vatLeft = invoice.vat();
            for (Document credit : documents) {
                if (!invoice.equals(documentCredited(credit, invoice))) {
                    continue;
                }
                BigDecimal net = netLeft.multiply(BigDecimal.valueOf(credit.days()))
                        .divide(BigDecimal.valueOf(invoice.days()), 2, RoundingMode.HALF_UP);
                BigDecimal vat = net.multiply(invoice.vatRate()).movePointLeft(2).setScale(2, RoundingMode.HALF_UP)
                        .min(vatLeft);
                assertThat(credit.net()).as("B4 for %s against %s with %s net left", credit, invoice, netLeft)
                        .isEqualByComparingTo(net);
                assertThat(credit.vatRate()).as("V4: the invoice's rate").isEqualByComparingTo(invoice.vatRate());
                assertThat(credit.vat()).as("V4 for %s against %s with %s VAT left", credit, invoice, vatLeft)
                        .isEqualByComparingTo(vat);
                assertThat(credit.net()).as("B5: never more net than was left").isLessThanOrEqualTo(netLeft);
                assertThat(credit.vat()).as("V4: never more VAT than was left").isLessThanOrEqualTo(vatLeft);
                netLeft = netLeft.subtract(credit.net());
                vatLeft = vatLeft.subtract(credit.vat());
            }
            assertThat(netLeft.signum()).as("net credited on %s", invoice).isGreaterThanOrEqualTo(0);
            assertThat(vatLeft.signum()).as("VAT credited on %s", invoice).isGreaterThanOrEqualTo(0);
        }
    }

    private static Document documentCredited(Document credit, Document invoice) {
        return credit.kind().equals("CREDIT_NOTE") && credit.credits() == invoice.id() ? invoice : null;
    }

    private List<Document> documentsOf(Account account) {
        return jdbc.query("""
                select id, kind, profile_id, period_start, period_end, amount, credited_invoice_id, billed_name,
                       net, vat_rate, vat
                from invoice where account_id = ? order by id""",
                (rs, n) -> new Document(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class), rs.getBigDecimal(6), (Long) rs.getObject(7, Long.class),
                        rs.getString(8), rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11)), account.id());
    }
}
