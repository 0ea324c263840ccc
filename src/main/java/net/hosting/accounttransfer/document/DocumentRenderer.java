package net.hosting.accounttransfer.document;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.util.Locale;
import net.hosting.accounttransfer.billing.Money;
import net.hosting.accounttransfer.notification.ReaderFormat;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Prints a {@link Document} as an A4 PDF/A-3b in the buyer's language: Thymeleaf writes the page, openhtmltopdf lays
 * it out with the DejaVu Sans fonts embedded (PDF/A allows no font it does not carry) and an sRGB output intent.
 */
@Component
class DocumentRenderer {

    static final String TEMPLATE = "document/document";
    private static final String FONT_FAMILY = "DejaVu Sans";
    private static final byte[] SRGB = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();

    private final ITemplateEngine templates;

    DocumentRenderer(ITemplateEngine templates) {
        this.templates = templates;
    }

    /** The page as XHTML, which openhtmltopdf reads as XML. */
    String html(Document document) {
        Context context = new Context(document.language());
        context.setVariable("doc", document);
        context.setVariable("fmt", format(document));
        context.setVariable("words", new Words(document.language()));
        context.setVariable("recoveryFee", recoveryFee(document));
        return templates.process(TEMPLATE, context);
    }

    /** Dates and money as the buyer writes them, as in the mails; a document holds calendar dates, so no zone applies. */
    static ReaderFormat format(Document document) {
        return new ReaderFormat(document.language(), ZoneOffset.UTC);
    }

    /** The fixed compensation for recovery costs a late business buyer owes (French Commercial Code, D. 441-5). */
    static Money recoveryFee(Document document) {
        return new Money(new BigDecimal("40.00"), document.total().currency());
    }

    /** A PDF/A-3b of the document, without its Factur-X XML yet. */
    byte[] pdf(Document document) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.usePdfAConformance(PdfRendererBuilder.PdfAConformance.PDFA_3_B);
            builder.useColorProfile(SRGB);
            builder.useFont(() -> getClass().getResourceAsStream("/document/fonts/DejaVuSans.ttf"), FONT_FAMILY, 400,
                    BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.useFont(() -> getClass().getResourceAsStream("/document/fonts/DejaVuSans-Bold.ttf"), FONT_FAMILY,
                    700, BaseRendererBuilder.FontStyle.NORMAL, true);
            builder.withHtmlContent(html(document), null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("could not print document " + document.number(), e);
        }
        return out.toByteArray();
    }

    /** Rates and countries in the buyer's language ({@code words} in the template). */
    public static final class Words {

        private final Locale locale;

        Words(Locale locale) {
            this.locale = locale;
        }

        /** A VAT rate as the reader writes it: "20 %" in French, "20%" in English, "5,5 %" without trailing zeros. */
        public String percent(BigDecimal rate) {
            NumberFormat number = NumberFormat.getNumberInstance(locale);
            number.setMaximumFractionDigits(2);
            return number.format(rate) + ("fr".equals(locale.getLanguage()) ? "\u00a0%" : "%");
        }

        /** Whether an address already ends with the country's name, in French or English ("France"). */
        public boolean names(String address, String code) {
            String[] lines = address == null ? new String[0] : address.strip().split("\\R");
            String last = lines.length == 0 ? "" : lines[lines.length - 1].strip();
            return last.equalsIgnoreCase(new Locale("", code).getDisplayCountry(Locale.FRENCH))
                    || last.equalsIgnoreCase(new Locale("", code).getDisplayCountry(Locale.ENGLISH));
        }

        /** "Belgique" or "Belgium" for BE. */
        public String country(String code) {
            return new Locale("", code).getDisplayCountry(locale);
        }
    }
}
