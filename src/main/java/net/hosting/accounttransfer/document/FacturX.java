package net.hosting.accounttransfer.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.mustangproject.Contact;
import org.mustangproject.Item;
import org.mustangproject.LegalOrganisation;
import org.mustangproject.Product;
import org.mustangproject.TradeParty;
import org.mustangproject.ZUGFeRD.PDFAConformanceLevel;
import org.mustangproject.ZUGFeRD.Profiles;
import org.mustangproject.ZUGFeRD.ZUGFeRDExporterFromA3;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The Factur-X side of a document (PRODUCT.md D3): Mustang writes the EN 16931 XML from the same {@link Document} the
 * page is printed from, and attaches it as {@code factur-x.xml} to the PDF/A-3.
 */
@Component
class FacturX {

    /** ISO 6523 ICD of the French SIRENE register, the scheme of a SIREN as legal registration identifier. */
    private static final String SIREN_SCHEME = "0002";
    /** UN/ECE rec. 20 "one": a period of a plan is counted as one. */
    private static final String UNIT_ONE = "C62";

    private final MessageSource messages;

    FacturX(MessageSource messages) {
        this.messages = messages;
    }

    /** The PDF/A-3b with the XML attached, and the XMP metadata saying it is Factur-X EN 16931. */
    byte[] attach(byte[] pdfA3, Document document) {
        try (ZUGFeRDExporterFromA3 exporter = new ZUGFeRDExporterFromA3()) {
            exporter.setZUGFeRDVersion(2).setProfile(Profiles.getByName("EN16931"))
                    .setConformanceLevel(PDFAConformanceLevel.BASIC)
                    .setProducer("account-transfer").setCreator(document.seller().name())
                    .load(pdfA3);
            exporter.setTransaction(transaction(document));
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdfA3.length + 16 * 1024);
            exporter.export(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("could not attach the Factur-X XML to document " + document.number(), e);
        }
    }

    /** The XML alone, as attached. */
    byte[] xml(Document document) {
        var provider = new org.mustangproject.ZUGFeRD.ZUGFeRD2PullProvider();
        provider.setProfile(Profiles.getByName("EN16931"));
        provider.generateXML(transaction(document));
        return provider.getXML();
    }

    org.mustangproject.Invoice transaction(Document document) {
        var seller = document.seller();
        var buyer = document.buyer();
        PostalAddress from = PostalAddress.of(seller.address());
        TradeParty sender = new TradeParty(seller.name(), from.street(), from.postcode(), from.city(), seller.country())
                .addVATID(seller.vatNumber())
                .setLegalOrganisation(new LegalOrganisation(seller.siren(), SIREN_SCHEME));
        if (from.more() != null) {
            sender.setAdditionalAddress(from.more());
        }
        PostalAddress to = PostalAddress.of(buyer.address());
        // a document issued before VAT recorded no buyer country; EN 16931 needs one (BR-11), and this service
        // then billed from and to France only
        String buyerCountry = buyer.country() != null ? buyer.country() : seller.country();
        TradeParty recipient = new TradeParty(buyer.company() != null ? buyer.company() : buyer.name(), to.street(),
                to.postcode(), to.city(), buyerCountry)
                .setContact(new Contact(buyer.name(), null, buyer.email()))
                .setEmail(buyer.email());
        if (to.more() != null) {
            recipient.setAdditionalAddress(to.more());
        }
        if (buyer.vatNumber() != null) {
            recipient.addVATID(buyer.vatNumber());
        }

        Product product = new Product(line(document), text(document, "doc.line.account", document.account()),
                UNIT_ONE, document.vatRate());
        category(document, product);
        Item item = new Item(product, document.unitPrice().amount(), BigDecimal.ONE)
                .setDetailedDeliveryPeriod(date(document.firstDay()), date(document.lastDay()));

        var invoice = new org.mustangproject.Invoice()
                .setNumber(document.number())
                .setIssueDate(date(document.issueDate()))
                .setDeliveryDate(date(document.lastDay()))
                .setDetailedDeliveryPeriod(date(document.firstDay()), date(document.lastDay()))
                .setDueDate(date(document.issueDate()))
                .setCurrency(document.total().currency().getCurrencyCode())
                .setSender(sender)
                .setRecipient(recipient)
                .addItem(item);
        if (document.isCreditNote()) {
            invoice.setCreditNote()
                    .setInvoiceReferencedDocumentID(document.credits().number())
                    .setInvoiceReferencedIssueDate(date(document.credits().issueDate()));
        }
        if (document.settledOn() != null) {
            // paid (or refunded) in full: nothing is due
            invoice.setTotalPrepaidAmount(document.total().amount());
            invoice.addGeneralNote(text(document, document.isCreditNote() ? "doc.refunded" : "doc.paid",
                    DocumentRenderer.format(document).date(document.settledOn())));
        }
        if (document.buyer().business()) {
            invoice.addRegulatoryNote(text(document, "doc.latePayment",
                    DocumentRenderer.format(document).money(DocumentRenderer.recoveryFee(document))));
        }
        return invoice;
    }

    /**
     * The VAT category of EN 16931 (UNTDID 5305) for each treatment. A document from before VAT is "E" (exempt),
     * with the reason said in words: "S" at 0% is refused (BR-S-05), and "Z" would claim a zero-rated supply and
     * may carry no reason (BR-Z-10).
     */
    private void category(Document document, Product product) {
        switch (document.treatment()) {
            case DOMESTIC, EU_CONSUMER -> product.setTaxCategoryCode("S");
            case REVERSE_CHARGE -> product.setTaxCategoryCode("AE").setTaxExemptionReason(
                    text(document, "doc.mention.REVERSE_CHARGE", document.seller().vatNumber(),
                            document.buyer().vatNumber()));
            // "O" (outside the scope) must not name the seller's VAT number (BR-O-02), which every document carries
            case OUTSIDE_EU -> product.setTaxCategoryCode("G")
                    .setTaxExemptionReason(text(document, "doc.mention.OUTSIDE_EU"));
            case NONE -> product.setTaxCategoryCode("E").setTaxExemptionReason(text(document, "doc.mention.NONE"));
        }
    }

    private String line(Document document) {
        return document.plan() != null ? text(document, "doc.line.plan", document.plan())
                : text(document, "doc.line.hosting");
    }

    private String text(Document document, String key, Object... arguments) {
        return messages.getMessage(key, arguments, document.language());
    }

    // Mustang writes dates through the JVM's default zone; the calendar date is what counts
    private static Date date(LocalDate day) {
        return Date.from(day.atStartOfDay(ZoneId.systemDefault()).toInstant());
    }
}
