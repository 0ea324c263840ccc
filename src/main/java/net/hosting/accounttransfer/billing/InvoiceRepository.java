package net.hosting.accounttransfer.billing;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Slice;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/** Issued invoices and credit notes. */
public interface InvoiceRepository extends Repository<Invoice, Long> {

    Invoice save(Invoice invoice);

    // a JPQL string, not a derived query: Hibernate keeps the SQL of a query string, but translates a derived
    // (criteria) query again on every call, which was 6% of all CPU under load (docs/performance.md)
    @Query("select i from Invoice i where i.number = ?1")
    Optional<Invoice> findByNumber(String number);

    @Query("select i from Invoice i where i.idempotencyKey = ?1")
    Optional<Invoice> findByIdempotencyKey(String idempotencyKey);

    @Query("select i from Invoice i where i.idempotencyKey in ?1")
    List<Invoice> findByIdempotencyKeys(Collection<String> idempotencyKeys);

    /** A page of the profile's documents, newest first. */
    @Query("select i from Invoice i where i.profileId = ?1 order by i.issuedAt desc, i.id desc")
    Slice<Invoice> findByProfile(Long profileId, Pageable page);

    @Query("select i from Invoice i where i.id in ?1")
    List<Invoice> findAllById(Collection<Long> ids);

    @Query("""
            select i from Invoice i where i.subscriptionId = ?1 and i.kind = net.hosting.accounttransfer.billing.Invoice.Kind.INVOICE
              and i.periodStart = ?2 and i.periodEnd = ?3 order by i.id""")
    List<Invoice> findInvoicesFor(Long subscriptionId, java.time.LocalDate start, java.time.LocalDate end);

    @Query("select i from Invoice i where i.creditedInvoiceId = ?1")
    List<Invoice> findCreditsAgainst(Long invoiceId);
}
