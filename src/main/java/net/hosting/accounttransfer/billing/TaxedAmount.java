package net.hosting.accounttransfer.billing;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The amounts of one document (PRODUCT.md V1): its net before tax, the VAT at {@code vatRate} percent, and its
 * treatment; the total is net + VAT.
 */
public record TaxedAmount(Money net, BigDecimal vatRate, Money vat, VatTreatment treatment) {

    public TaxedAmount {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(vatRate, "vatRate");
        Objects.requireNonNull(vat, "vat");
        Objects.requireNonNull(treatment, "treatment");
        vatRate = vatRate.setScale(2);
        net.minus(vat); // refuses two currencies
        if (vat.isNegative() || vatRate.signum() < 0) {
            throw new IllegalArgumentException("VAT cannot be negative: " + vat + " at " + vatRate + "%");
        }
    }

    /** What the buyer pays or gets back. */
    public Money total() {
        return new Money(net.amount().add(vat.amount()), net.currency());
    }

    public boolean isZero() {
        return net.isZero() && vat.isZero();
    }

    /** The rate as its reader writes it: "20 %" or "25,5 %" for a French reader, "20%" or "25.5%" for any other. */
    public String rateFor(java.util.Locale reader) {
        java.text.NumberFormat format = java.text.NumberFormat.getNumberInstance(
                "fr".equals(reader.getLanguage()) ? java.util.Locale.FRANCE : java.util.Locale.UK);
        format.setMaximumFractionDigits(2);
        return format.format(vatRate) + ("fr".equals(reader.getLanguage()) ? "\u00a0%" : "%");
    }

    /**
     * The amounts as pages, mails and documents show them (V5): "11,99 € TTC (9,99 € HT + TVA 20 % 2,00 €)" for a
     * French reader, "€11.99 incl. VAT (€9.99 excl. VAT + VAT 20% €2.00)" for any other.
     */
    public String formatFor(java.util.Locale reader) {
        return total().formatFor(reader) + ("fr".equals(reader.getLanguage()) ? " TTC " : " incl. VAT ")
                + detailFor(reader);
    }

    /** The net and VAT behind the total, in brackets: "(9,99 € HT + TVA 20 % 2,00 €)". */
    public String detailFor(java.util.Locale reader) {
        return "fr".equals(reader.getLanguage())
                ? "(" + net.formatFor(reader) + " HT + TVA " + rateFor(reader) + " " + vat.formatFor(reader) + ")"
                : "(" + net.formatFor(reader) + " excl. VAT + VAT " + rateFor(reader) + " " + vat.formatFor(reader) + ")";
    }
}
