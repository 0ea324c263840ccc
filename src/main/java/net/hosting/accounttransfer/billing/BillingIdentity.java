package net.hosting.accounttransfer.billing;

import java.util.Objects;

/** Who a document is issued to, frozen on the document at issue time (PRODUCT.md B8). */
public record BillingIdentity(String name, String company, String address, String email) {

    public BillingIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(email, "email");
        address = address == null ? "" : address;
    }
}
