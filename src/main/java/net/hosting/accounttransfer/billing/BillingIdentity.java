package net.hosting.accounttransfer.billing;

import java.util.Objects;

/**
 * Who a document is issued to, frozen on the document at issue time (PRODUCT.md B8, V3): {@code country} is ISO
 * 3166-1 alpha-2, {@code vatNumber} may be null, {@code language} is the tag ("fr" or "en") the document is written in.
 */
public record BillingIdentity(String name, String company, String address, String email, String country,
        String vatNumber, String language) {

    public BillingIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(language, "language");
        address = address == null ? "" : address;
    }

    /** A buyer is a business when its profile names a company or carries a VAT number (PRODUCT.md V2). */
    public boolean isBusiness() {
        return (company != null && !company.isBlank()) || vatNumber != null;
    }
}
