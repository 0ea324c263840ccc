package net.hosting.accounttransfer.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.VatTreatment;

/**
 * Everything one invoice or credit note shows (PRODUCT.md D2), as values: what the PDF and its Factur-X XML are made
 * from, whatever the entity behind it. Public only because the template reads it by reflection.
 *
 * @param firstDay the first day of service, inclusive
 * @param lastDay the last day of service, inclusive
 * @param vatRate percent, at scale 2 ("20.00")
 * @param settledOn when the invoice was paid, or the credit note's refund executed
 * @param credits for a credit note, the invoice it credits; null for an invoice
 */
public record Document(Kind kind, String number, LocalDate issueDate, Locale language, BillingProperties.Seller seller,
        Buyer buyer, String plan, String account, LocalDate firstDay, LocalDate lastDay, Money unitPrice,
        BigDecimal vatRate, Money vat, Money total, VatTreatment treatment, LocalDate settledOn, Credited credits) {

    /** An invoice (Factur-X type code 380) or a credit note (381). */
    public enum Kind { INVOICE, CREDIT_NOTE }

    /** The buyer as frozen on the document at issue (PRODUCT.md B8); {@code country} is null on documents before VAT. */
    public record Buyer(String name, String company, String address, String country, String vatNumber, String email,
            boolean business) {
    }

    /** The invoice a credit note credits, by number and issue date. */
    public record Credited(String number, LocalDate issueDate) {
    }

    public Document {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(seller, "seller");
        Objects.requireNonNull(buyer, "buyer");
        if (kind == Kind.CREDIT_NOTE && credits == null) {
            throw new IllegalArgumentException("credit note " + number + " names no invoice it credits");
        }
        if (lastDay.isBefore(firstDay)) {
            throw new IllegalArgumentException("document " + number + " ends before it starts");
        }
        if (unitPrice.amount().add(vat.amount()).compareTo(total.amount()) != 0) {
            throw new IllegalArgumentException("document " + number + ": " + unitPrice + " + " + vat + " is not " + total);
        }
    }

    /** Quantity 1: one period of one plan. The line's net is its unit price. */
    public Money net() {
        return unitPrice;
    }

    public boolean isCreditNote() {
        return kind == Kind.CREDIT_NOTE;
    }
}
