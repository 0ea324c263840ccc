package net.hosting.accounttransfer.document;

import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The stored PDFs, one per document. */
interface StoredPdfRepository extends Repository<StoredPdf, Long> {

    Optional<StoredPdf> findById(Long invoiceId);

    /**
     * Stores a document's PDF unless one is stored already: of two nodes that made it at once, the first insert wins
     * and the second changes nothing, so every reader gets the same bytes.
     *
     * @return 1 when this PDF was stored, 0 when another was there first
     */
    @Transactional
    @Modifying
    @Query(value = """
            insert into document_pdf (invoice_id, sha256, content, made_at) values (?1, ?2, ?3, ?4)
            on conflict (invoice_id) do nothing""", nativeQuery = true)
    int storeIfAbsent(Long invoiceId, String sha256, byte[] content, Instant madeAt);
}
