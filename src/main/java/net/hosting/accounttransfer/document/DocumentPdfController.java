package net.hosting.accounttransfer.document;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import net.hosting.accounttransfer.common.NotFoundException;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/invoices/{number}/pdf}: a document's PDF, for its profile only (PRODUCT.md D1). */
@RestController
@Tag(name = "Invoices")
class DocumentPdfController {

    private final DocumentPdfs pdfs;

    DocumentPdfController(DocumentPdfs pdfs) {
        this.pdfs = pdfs;
    }

    // the principal is read by expression, as in billing, so that documents need nothing from the profile package
    @GetMapping("/api/invoices/{number}/pdf")
    @Operation(summary = "An invoice or credit note as PDF/A-3b, with its Factur-X XML attached")
    @ApiResponse(responseCode = "200", description = "the PDF/A-3b, with its Factur-X XML attached",
            content = @Content(mediaType = "application/pdf", schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> pdf(@AuthenticationPrincipal(expression = "profileId()") Long profileId,
            @PathVariable String number) {
        return pdfs.of(profileId, number).map(DocumentPdfs.Pdf::download)
                .orElseThrow(() -> new NotFoundException("You have no invoice or credit note numbered " + number + "."));
    }
}
