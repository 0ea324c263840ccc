package net.hosting.accounttransfer.notification;

/** Absolute links to the customer pages a mail points at ({@code links} in templates). */
public final class MailLinks {

    private final AppProperties app;

    MailLinks(AppProperties app) {
        this.app = app;
    }

    /** The PDF of an invoice or credit note, behind the customer's sign-in (PRODUCT.md D5). */
    public String document(String number) {
        return app.link("/history/invoices/" + number + "/pdf");
    }
}
