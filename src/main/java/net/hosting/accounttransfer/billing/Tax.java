package net.hosting.accounttransfer.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * How VAT applies to one document: its treatment and its rate in percent (PRODUCT.md V2), and the one VAT
 * formula of V1, {@code vat = round_half_up(net × rate, 2)}.
 */
public record Tax(VatTreatment treatment, BigDecimal rate) {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    public Tax {
        Objects.requireNonNull(treatment, "treatment");
        rate = Objects.requireNonNull(rate, "rate").setScale(2, RoundingMode.UNNECESSARY);
        if (rate.signum() < 0 || rate.compareTo(HUNDRED) >= 0) {
            throw new IllegalArgumentException("a VAT rate is a percent from 0 to under 100, not " + rate);
        }
    }

    /** The VAT on {@code net}, rounded once at the currency's scale. */
    public Money vatOn(Money net) {
        // the product of two exact decimals is exact; dividing by 100 only moves the point, so this is one rounding
        BigDecimal vat = net.amount().multiply(rate).movePointLeft(2)
                .setScale(net.currency().getDefaultFractionDigits(), RoundingMode.HALF_UP);
        return new Money(vat, net.currency());
    }

    /** A document's amounts for {@code net} at this treatment and rate. */
    public TaxedAmount on(Money net) {
        return new TaxedAmount(net, rate, vatOn(net), treatment);
    }
}
