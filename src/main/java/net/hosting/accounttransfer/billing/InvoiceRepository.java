package net.hosting.accounttransfer.billing;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Issued invoices and credit notes. */
public interface InvoiceRepository extends Repository<Invoice, Long> {

    Invoice save(Invoice invoice);

    Optional<Invoice> findByIdempotencyKey(String idempotencyKey);

    @Query("select i from Invoice i where i.profileId = ?1 order by i.issuedAt desc, i.id desc")
    List<Invoice> findByProfile(Long profileId);

    @Query("""
            select i from Invoice i where i.subscriptionId = ?1 and i.kind = net.hosting.accounttransfer.billing.Invoice.Kind.INVOICE
              and i.periodStart = ?2 and i.periodEnd = ?3 order by i.id""")
    List<Invoice> findInvoicesFor(Long subscriptionId, java.time.LocalDate start, java.time.LocalDate end);

    @Query("select i from Invoice i where i.creditedInvoiceId = ?1")
    List<Invoice> findCreditsAgainst(Long invoiceId);
}
