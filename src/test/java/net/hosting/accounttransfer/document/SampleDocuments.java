package net.hosting.accounttransfer.document;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import net.hosting.accounttransfer.billing.BillingProperties;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.billing.VatTreatment;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * One document of every kind PRODUCT.md D2 and V2 name, with amounts worked by hand, and the real template engine and
 * texts they are printed with.
 */
final class SampleDocuments {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final BillingProperties.Seller SELLER = new BillingProperties.Seller("Hébergeur Démo SAS", "SAS",
            "10 000 €", "10 rue de l’Hébergement\n75011 Paris", "FR", "123456782", "RCS Paris 123 456 782",
            "FR11123456782");
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Document.Buyer CAMILLE = new Document.Buyer("Camille Durand", null,
            "8 avenue Jean Jaurès\n69007 Lyon", "FR", null, "camille@example.com", false);
    private static final Document.Buyer BOB_COMPANY = new Document.Buyer("Bob Peeters", "Peeters Digital BV",
            "Rue de la Loi 16\n1000 Bruxelles", "BE", "BE0123456749", "bob@example.com", true);

    private SampleDocuments() {
    }

    /** Every kind, by a name used for its picture. */
    static Map<String, Document> all() {
        Map<String, Document> all = new LinkedHashMap<>();
        all.put("invoice-domestic", domesticInvoice());
        all.put("credit-note-domestic", domesticCreditNote());
        all.put("invoice-business", businessInvoice());
        all.put("invoice-reverse-charge", reverseChargeInvoice());
        all.put("invoice-eu-consumer", euConsumerInvoice());
        all.put("invoice-outside-eu", outsideEuInvoice());
        all.put("invoice-before-vat", beforeVatInvoice());
        all.put("credit-note-reverse-charge", reverseChargeCreditNote());
        return all;
    }

    /** A French consumer, 20%: 9.99 net, VAT 9.99 × 0.20 = 1.998 → 2.00, total 11.99. */
    static Document domesticInvoice() {
        return new Document(Document.Kind.INVOICE, "2026-000101", LocalDate.of(2026, 1, 1), Locale.FRENCH, SELLER,
                CAMILLE, "Cloud S", "camille-site", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 1, 31),
                eur("9.99"), new BigDecimal("20.00"), eur("2.00"), eur("11.99"), VatTreatment.DOMESTIC,
                LocalDate.of(2026, 1, 1), null);
    }

    /** V4's first example: 9.99 × 15/31 = 4.83 net, 4.83 × 0.20 = 0.966 → 0.97 VAT, 5.80 refunded. */
    static Document domesticCreditNote() {
        return new Document(Document.Kind.CREDIT_NOTE, "2026-000142", LocalDate.of(2026, 1, 17), Locale.FRENCH, SELLER,
                CAMILLE, "Cloud S", "camille-site", LocalDate.of(2026, 1, 17), LocalDate.of(2026, 1, 31),
                eur("4.83"), new BigDecimal("20.00"), eur("0.97"), eur("5.80"), VatTreatment.DOMESTIC,
                LocalDate.of(2026, 1, 17), new Document.Credited("2026-000101", LocalDate.of(2026, 1, 1)));
    }

    /** A French company: 119.88 net, 119.88 × 0.20 = 23.976 → 23.98, total 143.86. */
    static Document businessInvoice() {
        return new Document(Document.Kind.INVOICE, "2026-000102", LocalDate.of(2026, 3, 1), Locale.FRENCH, SELLER,
                new Document.Buyer("Alice Martin", "Martin Conseil SARL", "12 rue des Lilas\n75011 Paris\nFrance",
                        "FR", null, "alice@example.com", true),
                "Cloud M", "alice-shop", LocalDate.of(2026, 3, 1), LocalDate.of(2027, 2, 28),
                eur("119.88"), new BigDecimal("20.00"), eur("23.98"), eur("143.86"), VatTreatment.DOMESTIC,
                LocalDate.of(2026, 3, 1), null);
    }

    /** A Belgian company with a VAT number: reverse charge, 0 VAT, 4.99 total. */
    static Document reverseChargeInvoice() {
        return new Document(Document.Kind.INVOICE, "2026-000103", LocalDate.of(2026, 4, 1), Locale.ENGLISH, SELLER,
                BOB_COMPANY, "Cloud XS", "bob-blog", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30),
                eur("4.99"), new BigDecimal("0.00"), eur("0.00"), eur("4.99"), VatTreatment.REVERSE_CHARGE,
                LocalDate.of(2026, 4, 1), null);
    }

    /** V4's second example: 119.88 × 93/366 = 30.46, reverse charge, credited in full at that invoice's treatment. */
    static Document reverseChargeCreditNote() {
        return new Document(Document.Kind.CREDIT_NOTE, "2028-000077", LocalDate.of(2028, 2, 29), Locale.FRENCH, SELLER,
                BOB_COMPANY, "Cloud M", "bob-shop", LocalDate.of(2028, 2, 29), LocalDate.of(2028, 5, 31),
                eur("30.46"), new BigDecimal("0.00"), eur("0.00"), eur("30.46"), VatTreatment.REVERSE_CHARGE,
                LocalDate.of(2028, 2, 29), new Document.Credited("2027-000310", LocalDate.of(2027, 6, 1)));
    }

    /** V4's third example's invoice: a German consumer, 19%: 4.99 net, 0.9481 → 0.95 VAT, total 5.94. */
    static Document euConsumerInvoice() {
        return new Document(Document.Kind.INVOICE, "2026-000104", LocalDate.of(2026, 4, 1), Locale.ENGLISH, SELLER,
                new Document.Buyer("Carol Schmidt", null, "Torstraße 5\n10119 Berlin", "DE", null,
                        "carol@example.com", false),
                "Cloud XS", "carol-blog", LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 30),
                eur("4.99"), new BigDecimal("19.00"), eur("0.95"), eur("5.94"), VatTreatment.EU_CONSUMER,
                LocalDate.of(2026, 4, 1), null);
    }

    /** A Swiss consumer: outside the EU, no VAT, 9.99 total. */
    static Document outsideEuInvoice() {
        return new Document(Document.Kind.INVOICE, "2026-000105", LocalDate.of(2026, 5, 10), Locale.FRENCH, SELLER,
                new Document.Buyer("Luca Rossi", null, "Rue du Rhône 42\n1204 Genève", "CH", null,
                        "luca@example.com", false),
                "Cloud S", "luca-site", LocalDate.of(2026, 5, 10), LocalDate.of(2026, 6, 9),
                eur("9.99"), new BigDecimal("0.00"), eur("0.00"), eur("9.99"), VatTreatment.OUTSIDE_EU,
                LocalDate.of(2026, 5, 10), null);
    }

    /** A document issued before VAT: the amount as it stood, no VAT, no country known. */
    static Document beforeVatInvoice() {
        return new Document(Document.Kind.INVOICE, "2025-000012", LocalDate.of(2025, 11, 3), Locale.FRENCH, SELLER,
                new Document.Buyer("Alice Martin", "Martin Conseil SARL", "12 rue des Lilas\n75011 Paris\nFrance",
                        null, null, "alice@example.com", true),
                null, "alice-site", LocalDate.of(2025, 11, 3), LocalDate.of(2025, 12, 2),
                eur("9.99"), new BigDecimal("0.00"), eur("0.00"), eur("9.99"), VatTreatment.NONE,
                LocalDate.of(2025, 11, 3), null);
    }

    static Money eur(String amount) {
        return new Money(new BigDecimal(amount), EUR);
    }

    /** The application's template engine and texts, as Spring Boot sets them up, without a context. */
    static DocumentRenderer renderer() {
        return new DocumentRenderer(templates());
    }

    static FacturX facturX() {
        return new FacturX(messages());
    }

    static DocumentPrinter printer() {
        return new DocumentPrinter(renderer(), facturX());
    }

    static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("i18n/messages", "i18n/pages", "i18n/documents");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }

    private static SpringTemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        engine.setTemplateEngineMessageSource(messages());
        return engine;
    }
}
