package net.hosting.accounttransfer.document;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.billing.Invoice;
import net.hosting.accounttransfer.billing.InvoiceRepository;
import net.hosting.accounttransfer.billing.Subscription;
import net.hosting.accounttransfer.billing.SubscriptionRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

/**
 * The PDF of each document (PRODUCT.md D1, D4): made from the stored snapshot the first time anyone asks for it,
 * stored with its SHA-256, and served as stored from then on. Making it takes a second or two of CPU, so it happens
 * on the first download, outside any transaction and far from the billing step, which stays exactly as fast.
 */
@Service
public class DocumentPdfs {

    private static final Logger log = LoggerFactory.getLogger(DocumentPdfs.class);

    private final InvoiceRepository invoices;
    private final SubscriptionRepository subscriptions;
    private final StoredPdfRepository stored;
    private final DocumentPrinter printer;
    private final BillingProperties billing;
    private final BillingCalendar calendar;

    DocumentPdfs(InvoiceRepository invoices, SubscriptionRepository subscriptions, StoredPdfRepository stored,
            DocumentPrinter printer, BillingProperties billing, BillingCalendar calendar) {
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.stored = stored;
        this.printer = printer;
        this.billing = billing;
        this.calendar = calendar;
    }

    /** A document's PDF as served: its bytes, their SHA-256 and a file name in the document's language. */
    public record Pdf(String fileName, byte[] content, String sha256) {

        /** The PDF as a download, tagged with its SHA-256: the same tag for the same bytes, whoever made them. */
        public ResponseEntity<byte[]> download() {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                    .header(HttpHeaders.CONTENT_DISPOSITION,
                            ContentDisposition.attachment().filename(fileName).build().toString())
                    .eTag("\"" + sha256 + "\"")
                    .body(content);
        }
    }

    /** The PDF of the profile's document with this number; empty when no document of the profile has it. */
    public Optional<Pdf> of(Long profileId, String number) {
        return invoices.findByNumber(number).filter(invoice -> invoice.profileId().equals(profileId))
                .map(invoice -> {
                    StoredPdf pdf = storedOrMade(invoice);
                    return new Pdf(fileName(invoice), pdf.content(), pdf.sha256());
                });
    }

    private StoredPdf storedOrMade(Invoice invoice) {
        return stored.findById(invoice.id()).orElseGet(() -> {
            byte[] pdf = printer.print(document(invoice));
            int stored = this.stored.storeIfAbsent(invoice.id(), sha256(pdf), pdf, calendar.now());
            log.info("made the PDF of document {} ({} bytes){}", invoice.number(), pdf.length,
                    stored == 0 ? ", but another node stored its own first" : "");
            return this.stored.findById(invoice.id()).orElseThrow(() -> new IllegalStateException(
                    "PDF of document " + invoice.number() + " was stored but cannot be read back"));
        });
    }

    Document document(Invoice invoice) {
        Invoice credited = invoice.creditedInvoiceId() == null ? null
                : invoices.findAllById(List.of(invoice.creditedInvoiceId())).stream().findFirst().orElse(null);
        String plan = subscriptions.findById(invoice.subscriptionId()).map(Subscription::plan).orElse(null);
        // the seller of record; a document issued before sellers were kept prints today's, once
        return DocumentMapper.document(invoice, credited, plan, invoice.seller().orElse(billing.seller()),
                calendar.zone());
    }

    private static String fileName(Invoice invoice) {
        boolean french = "fr".equals(invoice.billedTo().language());
        String kind = invoice.kind() == Invoice.Kind.CREDIT_NOTE ? (french ? "avoir" : "credit-note")
                : (french ? "facture" : "invoice");
        return kind + "-" + invoice.number() + ".pdf";
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
