package net.hosting.accounttransfer.billing;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/** An exact amount at its currency's scale (PRODUCT.md B1); negative amounts are allowed and callers decide what they mean. */
public record Money(BigDecimal amount, Currency currency) {

    /** A built currency format per reader's style and currency, copied for each use (a format is not thread-safe). */
    private static final Map<FormatKey, NumberFormat> FORMATS = new ConcurrentHashMap<>();

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        int scale = currency.getDefaultFractionDigits();
        if (scale < 0) {
            throw new IllegalArgumentException(currency + " is not a currency money can be counted in");
        }
        // Extra zeros (9.900) lose nothing, so they are accepted; any digit beyond the scale would have to be rounded away.
        if (amount.stripTrailingZeros().scale() > scale) {
            throw new IllegalArgumentException(
                    amount.toPlainString() + " has more than " + scale + " fraction digits for " + currency);
        }
        amount = amount.setScale(scale);
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), Currency.getInstance(currencyCode));
    }

    public static Money euros(String amount) {
        return of(amount, "EUR");
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public boolean isZero() {
        return amount.signum() == 0;
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    public boolean isGreaterThan(Money other) {
        return amount.compareTo(sameCurrency(other).amount) > 0;
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot combine " + this + " with " + other);
        }
        return other;
    }

    /** The amount as its reader writes it: 9,99 € for a French reader, €9.99 for any other, whatever the currency. */
    public String formatFor(Locale reader) {
        Locale style = "fr".equals(reader.getLanguage()) ? Locale.FRANCE : Locale.UK;
        // a copy of a built format skips the locale lookup and the pattern's parse
        NumberFormat prototype = FORMATS.computeIfAbsent(new FormatKey(style, currency), key -> {
            NumberFormat format = NumberFormat.getCurrencyInstance(key.style());
            format.setCurrency(key.currency());
            return format;
        });
        return ((NumberFormat) prototype.clone()).format(amount);
    }

    private record FormatKey(Locale style, Currency currency) {
    }

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency.getCurrencyCode();
    }
}
