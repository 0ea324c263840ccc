package net.hosting.accounttransfer.document;

import net.hosting.accounttransfer.common.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/invoices/{number}/pdf}: a document's PDF, for its profile only (PRODUCT.md D1). */
@RestController
class DocumentPdfController {

    private final DocumentPdfs pdfs;

    DocumentPdfController(DocumentPdfs pdfs) {
        this.pdfs = pdfs;
    }

    // the principal is read by expression, as in billing, so that documents need nothing from the profile package
    @GetMapping("/api/invoices/{number}/pdf")
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal(expression = "profileId()") Long profileId,
            @PathVariable String number) {
        return pdfs.of(profileId, number).map(DocumentPdfs.Pdf::download)
                .orElseThrow(() -> new NotFoundException("You have no invoice or credit note numbered " + number + "."));
    }
}
