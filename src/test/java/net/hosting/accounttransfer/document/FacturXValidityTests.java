package net.hosting.accounttransfer.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mustangproject.validator.ZUGFeRDValidator;

/**
 * D3: Mustang's validator (veraPDF for PDF/A-3, the EN 16931 schema and schematron for the XML) finds every kind of
 * document valid, and refuses a PDF without its XML; the XML says what the page says.
 */
class FacturXValidityTests {

    private static final Map<String, Document> SAMPLES = SampleDocuments.all();
    private static DocumentPrinter printer;
    private static DocumentRenderer renderer;

    @BeforeAll
    static void printers() {
        printer = SampleDocuments.printer();
        renderer = SampleDocuments.renderer();
    }

    static Stream<Arguments> everyKind() {
        return SAMPLES.entrySet().stream().map(sample -> Arguments.of(sample.getKey(), sample.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void theValidatorFindsEveryKindOfDocumentValid(String kind, Document document) throws IOException {
        byte[] pdf = printer.print(document);

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(pdf, kind + ".pdf");
        Files.writeString(Files.createDirectories(Path.of("target", "documents")).resolve(kind + "-validation.xml"),
                report);

        assertThat(validator.wasCompletelyValid()).as(report).isTrue();
        // both halves were judged: veraPDF on the PDF/A-3, the EN 16931 schematron on the XML
        assertThat(report).contains("<summary status=\"valid\"/>").contains("<pdf>").contains("<xml>")
                .contains("EN16931");
    }

    /** Proves the check above can fail: the same PDF/A-3 page without its factur-x.xml is not a Factur-X invoice. */
    @Test
    void theValidatorRefusesThePageWithoutItsXml() throws Exception {
        byte[] withoutXml = renderer.pdf(SampleDocuments.domesticInvoice());
        assertThat(FacturXDocuments.attachedXml(withoutXml)).isNull();

        ZUGFeRDValidator validator = new ZUGFeRDValidator();
        String report = validator.validate(withoutXml, "without-xml.pdf");

        assertThat(validator.wasCompletelyValid()).as(report).isFalse();
        assertThat(report).contains("<summary status=\"invalid\"/>");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void theXmlCarriesTheTotalsTypeAndVatCategoryOfThePage(String kind, Document document) throws Exception {
        byte[] xml = FacturXDocuments.attachedXml(printer.print(document));

        assertThat(xml).as("factur-x.xml").isNotNull();
        assertThat(FacturXDocuments.value(xml, "GuidelineSpecifiedDocumentContextParameter"))
                .isEqualTo("urn:cen.eu:en16931:2017");
        assertThat(FacturXDocuments.path(xml, "ExchangedDocument/ID")).isEqualTo(document.number());
        assertThat(FacturXDocuments.path(xml, "ExchangedDocument/TypeCode"))
                .isEqualTo(document.isCreditNote() ? "381" : "380");
        assertThat(FacturXDocuments.amount(xml, "TaxBasisTotalAmount")).isEqualByComparingTo(document.net().amount());
        assertThat(FacturXDocuments.amount(xml, "TaxTotalAmount")).isEqualByComparingTo(document.vat().amount());
        assertThat(FacturXDocuments.amount(xml, "GrandTotalAmount")).isEqualByComparingTo(document.total().amount());
        assertThat(FacturXDocuments.amount(xml, "DuePayableAmount")).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(FacturXDocuments.path(xml, "ApplicableTradeTax/RateApplicablePercent"))
                .satisfies(rate -> assertThat(new BigDecimal(rate)).isEqualByComparingTo(document.vatRate()));
        assertThat(FacturXDocuments.path(xml, "ApplicableHeaderTradeSettlement/ApplicableTradeTax/CategoryCode"))
                .isEqualTo(switch (document.treatment()) {
                    case DOMESTIC, EU_CONSUMER -> "S";
                    case REVERSE_CHARGE -> "AE";
                    case OUTSIDE_EU -> "G";
                    case NONE -> "E";
                });
        if (document.isCreditNote()) {
            assertThat(FacturXDocuments.path(xml, "InvoiceReferencedDocument/IssuerAssignedID"))
                    .isEqualTo(document.credits().number());
        }
    }

    @Test
    void aReverseChargeXmlNamesBothVatNumbersAndTheReason() throws Exception {
        byte[] xml = FacturXDocuments.attachedXml(printer.print(SampleDocuments.reverseChargeInvoice()));

        assertThat(FacturXDocuments.path(xml, "SellerTradeParty/SpecifiedTaxRegistration/ID")).isEqualTo("FR11123456782");
        assertThat(FacturXDocuments.path(xml, "BuyerTradeParty/SpecifiedTaxRegistration/ID")).isEqualTo("BE0123456749");
        assertThat(FacturXDocuments.path(xml, "ApplicableHeaderTradeSettlement/ApplicableTradeTax/ExemptionReason"))
                .startsWith("Reverse charge");
    }
}
