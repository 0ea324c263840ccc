package net.hosting.accounttransfer.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/invoices}: the invoices and credit notes issued to the signed-in profile, newest first. */
@RestController
class InvoiceController {

    private final InvoiceRepository invoices;

    InvoiceController(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    record ServicePeriod(LocalDate start, LocalDate end) {
    }

    record BilledTo(String name, String company, String address, String email) {
    }

    /**
     * One document as issued.
     *
     * @param credits for a credit note, the number of the invoice it credits
     * @param refundedAt for a credit note, when its refund was executed
     */
    record InvoiceView(String number, Invoice.Kind kind, String account, Money amount, Instant issuedAt,
            ServicePeriod servicePeriod, BilledTo billedTo,
            @JsonInclude(JsonInclude.Include.NON_NULL) String credits,
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant refundedAt) {
    }

    // the principal is read by expression, so that billing needs nothing from the profile package
    @GetMapping("/api/invoices")
    @Transactional(readOnly = true)
    List<InvoiceView> list(@AuthenticationPrincipal(expression = "profileId()") Long profileId) {
        List<Invoice> own = invoices.findByProfile(profileId);
        // a credit note is issued to the profile that paid the invoice it credits, so that invoice is among these
        Map<Long, String> numbers = own.stream().collect(Collectors.toMap(Invoice::id, Invoice::number));
        return own.stream().map(invoice -> view(invoice, numbers)).toList();
    }

    private static InvoiceView view(Invoice invoice, Map<Long, String> numbers) {
        BillingIdentity billedTo = invoice.billedTo();
        return new InvoiceView(invoice.number(), invoice.kind(), invoice.accountName(), invoice.amount(),
                invoice.issuedAt(), new ServicePeriod(invoice.servicePeriod().start(), invoice.servicePeriod().end()),
                new BilledTo(billedTo.name(), billedTo.company(), billedTo.address(), billedTo.email()),
                invoice.creditedInvoiceId() == null ? null : numbers.get(invoice.creditedInvoiceId()),
                invoice.refundedAt());
    }
}
