package net.hosting.accounttransfer.document;

import java.time.ZoneId;
import java.util.Locale;
import net.hosting.accounttransfer.billing.BillingIdentity;
import net.hosting.accounttransfer.billing.BillingPeriod;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.billing.Invoice;

/** The one way from an issued {@link Invoice} (and the invoice it credits) to the {@link Document} it is printed as. */
final class DocumentMapper {

    private DocumentMapper() {
    }

    /**
     * @param credited the invoice a credit note credits; null for an invoice
     * @param plan the subscription's plan name, or null to show the account alone
     */
    static Document document(Invoice invoice, Invoice credited, String plan, BillingProperties.Seller seller,
            ZoneId zone) {
        BillingIdentity who = invoice.billedTo();
        BillingPeriod period = invoice.servicePeriod();
        boolean creditNote = invoice.kind() == Invoice.Kind.CREDIT_NOTE;
        if (creditNote && credited == null) {
            throw new IllegalStateException("credit note " + invoice.number() + " credits invoice id "
                    + invoice.creditedInvoiceId() + ", which was not found");
        }
        var issueDate = invoice.issuedAt().atZone(zone).toLocalDate();
        // an invoice is paid when it is issued (the plan is prepaid); a credit note is settled when its refund runs
        var settledOn = !creditNote ? issueDate
                : invoice.refundedAt() == null ? null : invoice.refundedAt().atZone(zone).toLocalDate();
        return new Document(creditNote ? Document.Kind.CREDIT_NOTE : Document.Kind.INVOICE, invoice.number(),
                issueDate, Locale.forLanguageTag(who.language()), seller,
                new Document.Buyer(who.name(), blankToNull(who.company()), who.address(), who.country(),
                        who.vatNumber(), who.email(), who.isBusiness()),
                plan, invoice.accountName(), period.start(), period.end().minusDays(1), invoice.net(),
                invoice.vatRate(), invoice.vat(), invoice.amount(), invoice.vatTreatment(), settledOn,
                creditNote ? new Document.Credited(credited.number(), credited.issuedAt().atZone(zone).toLocalDate())
                        : null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
