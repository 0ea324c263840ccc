package net.hosting.accounttransfer.billing;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** The one place that decides a document's VAT treatment and rate from the buyer and the seller (PRODUCT.md V2). */
public class VatRules {

    /** The 27 member states, by ISO 3166-1 alpha-2 (Greece is GR here; only VAT numbers write it EL). */
    static final Set<String> MEMBER_STATES = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
            "GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE");

    private final String sellerCountry;
    private final Map<String, BigDecimal> rates;

    VatRules(String sellerCountry, Map<String, BigDecimal> rates) {
        this.sellerCountry = Objects.requireNonNull(sellerCountry, "billing.seller.country");
        this.rates = Map.copyOf(rates);
        Set<String> missing = new TreeSet<>(MEMBER_STATES);
        missing.removeAll(this.rates.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalStateException("billing.vat.rates has no standard VAT rate for " + missing
                    + ": set billing.vat.rates.<country> (percent) for every member state");
        }
        if (!MEMBER_STATES.contains(this.sellerCountry)) {
            throw new IllegalStateException("billing.seller.country is " + this.sellerCountry
                    + ", but these rules are for a seller established in an EU member state");
        }
    }

    public static boolean isMemberState(String country) {
        return MEMBER_STATES.contains(country);
    }

    /**
     * The treatment and rate of a document issued now to this buyer: DOMESTIC in the seller's country, business or
     * not; REVERSE_CHARGE for another member state with a VAT number; EU_CONSUMER at the buyer's country's rate
     * without one; OUTSIDE_EU beyond the Union.
     */
    public Tax taxFor(BillingIdentity buyer) {
        return taxFor(buyer.country(), buyer.vatNumber());
    }

    public Tax taxFor(String buyerCountry, String buyerVatNumber) {
        Objects.requireNonNull(buyerCountry, "a buyer's country decides its VAT, and this buyer has none");
        if (buyerCountry.equals(sellerCountry)) {
            return new Tax(VatTreatment.DOMESTIC, rates.get(sellerCountry));
        }
        if (!MEMBER_STATES.contains(buyerCountry)) {
            return new Tax(VatTreatment.OUTSIDE_EU, BigDecimal.ZERO);
        }
        if (buyerVatNumber != null) {
            return new Tax(VatTreatment.REVERSE_CHARGE, BigDecimal.ZERO);
        }
        return new Tax(VatTreatment.EU_CONSUMER, rates.get(buyerCountry));
    }

    /** A buyer not known yet (an offer to an email without a profile): priced as a consumer in the seller's country. */
    public Tax domestic() {
        return taxFor(sellerCountry, null);
    }
}
