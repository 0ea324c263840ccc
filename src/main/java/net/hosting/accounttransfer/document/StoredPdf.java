package net.hosting.accounttransfer.document;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The PDF of one document as first made, with its SHA-256; never changed afterwards (PRODUCT.md D4). */
@Entity
@Table(name = "document_pdf")
class StoredPdf {

    @Id
    @Column(name = "invoice_id")
    private Long invoiceId;

    private String sha256;

    private byte[] content;

    @Column(name = "made_at")
    private Instant madeAt;

    protected StoredPdf() {
    }

    Long invoiceId() {
        return invoiceId;
    }

    String sha256() {
        return sha256;
    }

    byte[] content() {
        return content.clone();
    }

    Instant madeAt() {
        return madeAt;
    }
}
