package net.hosting.accounttransfer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MoneyTests {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void normalisesTheAmountToTheCurrencyScale() {
        assertThat(Money.euros("9.9").amount()).isEqualByComparingTo("9.9").hasToString("9.90");
        assertThat(Money.euros("10").amount()).hasToString("10.00");
        assertThat(Money.of("1000", "JPY").amount()).hasToString("1000");
        assertThat(new Money(new BigDecimal("1E+3"), EUR)).hasToString("1000.00 EUR");
    }

    @Test
    void equalAmountsAreEqualWhateverScaleTheyWereWrittenIn() {
        assertThat(Money.euros("9.9")).isEqualTo(Money.euros("9.90")).hasSameHashCodeAs(Money.euros("9.90"));
    }

    @Test
    void acceptsTrailingZerosBeyondTheScaleBecauseNothingIsRounded() {
        assertThat(Money.euros("9.9000").amount()).hasToString("9.90");
    }

    @Test
    void rejectsMoreFractionDigitsThanTheCurrencyHasRatherThanRounding() {
        assertThatIllegalArgumentException().isThrownBy(() -> Money.euros("9.999"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.euros("0.001"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.5", "JPY"));
    }

    @Test
    void rejectsMissingPartsAndUnknownCurrencies() {
        assertThatNullPointerException().isThrownBy(() -> new Money(null, EUR));
        assertThatNullPointerException().isThrownBy(() -> new Money(BigDecimal.ONE, null));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.00", "ZZZ"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.of("1.00", "XXX"));
        assertThatIllegalArgumentException().isThrownBy(() -> Money.euros("9,99"));
    }

    @Test
    void subtractsExactly() {
        assertThat(Money.euros("119.88").minus(Money.euros("30.46"))).isEqualTo(Money.euros("89.42"));
        assertThat(Money.euros("9.99").minus(Money.euros("10.00"))).isEqualTo(Money.euros("-0.01"));
    }

    @Test
    void refusesToCombineDifferentCurrencies() {
        Money euros = Money.euros("1.00");
        Money dollars = Money.of("1.00", "USD");

        assertThatIllegalArgumentException().isThrownBy(() -> euros.minus(dollars));
        assertThatIllegalArgumentException().isThrownBy(() -> euros.isGreaterThan(dollars));
    }

    @Test
    void tellsTheSignOfTheAmount() {
        assertThat(Money.zero(EUR)).isEqualTo(Money.euros("0.00")).satisfies(zero -> {
            assertThat(zero.isZero()).isTrue();
            assertThat(zero.isPositive()).isFalse();
            assertThat(zero.isNegative()).isFalse();
        });
        assertThat(Money.euros("0.01").isPositive()).isTrue();
        assertThat(Money.euros("0.01").isZero()).isFalse();
        assertThat(Money.euros("-0.01").isNegative()).isTrue();
        assertThat(Money.euros("-0.01").isPositive()).isFalse();
    }

    @Test
    void comparesAmounts() {
        Money small = Money.euros("4.83");
        Money large = Money.euros("9.99");

        assertThat(large.isGreaterThan(small)).isTrue();
        assertThat(small.isGreaterThan(large)).isFalse();
        assertThat(small.isGreaterThan(Money.euros("4.83"))).isFalse();
    }

    @Test
    void printsTheAmountAndTheCurrencyCode() {
        assertThat(Money.euros("9.99")).hasToString("9.99 EUR");
        assertThat(Money.euros("-0.5")).hasToString("-0.50 EUR");
    }

    @Test
    void isWrittenAsItsReaderWritesAmountsWhateverTheCurrency() {
        // French groups thousands with a narrow no-break space and puts the symbol after
        assertThat(Money.euros("1234.5").formatFor(Locale.FRENCH)).isEqualTo("1\u202f234,50\u00a0€");
        assertThat(Money.euros("1234.5").formatFor(Locale.ENGLISH)).isEqualTo("€1,234.50");
        assertThat(Money.euros("-9.99").formatFor(Locale.FRANCE)).isEqualTo("-9,99\u00a0€");
        // each currency and reader keeps its own format: as a format made afresh for the pair writes it
        for (String code : List.of("EUR", "GBP", "CHF", "JPY", "EUR")) {
            for (Locale reader : List.of(Locale.FRENCH, Locale.GERMAN, Locale.ENGLISH, Locale.CANADA_FRENCH)) {
                Money money = Money.of(code.equals("JPY") ? "1234" : "1234.56", code);
                NumberFormat fresh = NumberFormat.getCurrencyInstance(
                        reader.getLanguage().equals("fr") ? Locale.FRANCE : Locale.UK);
                fresh.setCurrency(money.currency());
                assertThat(money.formatFor(reader)).as(code + " for " + reader).isEqualTo(fresh.format(money.amount()));
            }
        }
    }

    @Test
    void formatsTheSameFromManyThreadsAtOnce() throws Exception {
        List<Money> amounts = IntStream.range(0, 400).mapToObj(cents -> new Money(BigDecimal.valueOf(cents * 1_001L, 2), EUR)).toList();
        List<String> alone = amounts.stream().map(money -> money.formatFor(Locale.FRENCH)).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<String>>> together = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                together.add(threads.submit(() -> amounts.stream().map(money -> money.formatFor(Locale.FRENCH)).toList()));
            }
            for (Future<List<String>> each : together) {
                assertThat(each.get()).isEqualTo(alone);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
