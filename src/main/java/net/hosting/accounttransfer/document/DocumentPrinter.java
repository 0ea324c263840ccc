package net.hosting.accounttransfer.document;

import org.springframework.stereotype.Component;

/** Prints a document: the page as PDF/A-3b, then its Factur-X XML attached (PRODUCT.md D2, D3). */
@Component
class DocumentPrinter {

    private final DocumentRenderer renderer;
    private final FacturX facturX;

    DocumentPrinter(DocumentRenderer renderer, FacturX facturX) {
        this.renderer = renderer;
        this.facturX = facturX;
    }

    byte[] print(Document document) {
        return facturX.attach(renderer.pdf(document), document);
    }
}
