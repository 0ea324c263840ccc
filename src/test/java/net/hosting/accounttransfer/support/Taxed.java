package net.hosting.accounttransfer.support;

import java.math.BigDecimal;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.TaxedAmount;
import net.hosting.accounttransfer.billing.VatTreatment;

/** Hand-worked document amounts in euros, for exact asserts: {@code Taxed.domestic("9.99", "2.00")}. */
public final class Taxed {

    private Taxed() {
    }

    public static TaxedAmount of(VatTreatment treatment, String rate, String net, String vat) {
        return new TaxedAmount(Money.euros(net), new BigDecimal(rate), Money.euros(vat), treatment);
    }

    /** France at 20%, the fixtures' customers. */
    public static TaxedAmount domestic(String net, String vat) {
        return of(VatTreatment.DOMESTIC, "20", net, vat);
    }
}
