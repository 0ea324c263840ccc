package net.hosting.accounttransfer.billing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.infrastructure.Paging;
import org.springframework.data.domain.Slice;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/invoices}: the invoices and credit notes issued to the signed-in profile, newest first, a page at a
 * time; {@code GET /api/invoices/{number}}: one of them.
 */
@RestController
@Tag(name = "Invoices", description = "The invoices and credit notes issued to the signed-in customer, and their PDFs")
class InvoiceController {

    private final InvoiceRepository invoices;

    InvoiceController(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    record ServicePeriod(@Schema(description = "The first day billed") LocalDate start,
            @Schema(description = "The day after the last day billed") LocalDate end) {
    }

    record BilledTo(String name, @Schema(nullable = true) String company, String address,
            @Schema(nullable = true, description = "ISO 3166 code; null when no VAT applies (vatTreatment NONE)")
            String country,
            @Schema(nullable = true) String vatNumber, String email) {
    }

    /**
     * One document as issued: {@code amount} is its total, kept from before VAT (PRODUCT.md V1).
     *
     * @param credits for a credit note, the number of the invoice it credits
     * @param refundedAt for a credit note, when its refund was executed
     */
    record InvoiceView(String number, Invoice.Kind kind, String account, Money net,
            @Schema(description = "VAT rate in percent, as \"20.00\"", pattern = "^[0-9]+\\.[0-9]{2}$") String vatRate,
            Money vat, @Schema(description = "The total with VAT") Money total, VatTreatment vatTreatment,
            @Schema(description = "The total with VAT, as total") Money amount, Instant issuedAt,
            ServicePeriod servicePeriod, BilledTo billedTo,
            @Schema(description = "Credit notes only: the number of the invoice credited", example = "2026-000117")
            @JsonInclude(JsonInclude.Include.NON_NULL) String credits,
            @Schema(description = "Credit notes only: when the refund was paid; absent until then")
            @JsonInclude(JsonInclude.Include.NON_NULL) Instant refundedAt) {
    }

    // the principal is read by expression, so that billing needs nothing from the profile package
    @GetMapping("/api/invoices")
    @Operation(summary = "The signed-in customer's invoices and credit notes, newest first")
    @Transactional(readOnly = true)
    ResponseEntity<List<InvoiceView>> list(@AuthenticationPrincipal(expression = "profileId()") Long profileId,
            @RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
            HttpServletRequest request) {
        Paging paging = Paging.of(page, size);
        Slice<Invoice> own = invoices.findByProfile(profileId, paging.pageable());
        // the invoice a credit note credits may sit on another page: one query for the numbers of this page's
        List<Long> credited = own.stream().map(Invoice::creditedInvoiceId).filter(Objects::nonNull).distinct().toList();
        Map<Long, String> numbers = credited.isEmpty() ? Map.of()
                : invoices.findAllById(credited).stream().collect(Collectors.toMap(Invoice::id, Invoice::number));
        return paging.answer(own.map(invoice -> view(invoice, numbers)), request);
    }

    /** One document of the signed-in profile; 404 for anyone else's, so a number tells nobody whether it exists. */
    @GetMapping("/api/invoices/{number}")
    @Operation(summary = "One invoice or credit note of the signed-in customer")
    @Transactional(readOnly = true)
    InvoiceView one(@AuthenticationPrincipal(expression = "profileId()") Long profileId, @PathVariable String number) {
        Invoice invoice = invoices.findByNumber(number).filter(found -> found.profileId().equals(profileId))
                .orElseThrow(() -> new NotFoundException("No such invoice or credit note."));
        Map<Long, String> numbers = invoice.creditedInvoiceId() == null ? Map.of()
                : invoices.findAllById(List.of(invoice.creditedInvoiceId())).stream()
                        .collect(Collectors.toMap(Invoice::id, Invoice::number));
        return view(invoice, numbers);
    }

    private static InvoiceView view(Invoice invoice, Map<Long, String> numbers) {
        BillingIdentity billedTo = invoice.billedTo();
        return new InvoiceView(invoice.number(), invoice.kind(), invoice.accountName(), invoice.net(),
                invoice.vatRate().toPlainString(), invoice.vat(), invoice.amount(), invoice.vatTreatment(),
                invoice.amount(), invoice.issuedAt(), new ServicePeriod(invoice.servicePeriod().start(), invoice.servicePeriod().end()),
                new BilledTo(billedTo.name(), billedTo.company(), billedTo.address(), billedTo.country(),
                        billedTo.vatNumber(), billedTo.email()),
                invoice.creditedInvoiceId() == null ? null : numbers.get(invoice.creditedInvoiceId()),
                invoice.refundedAt());
    }
}
