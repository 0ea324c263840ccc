package net.hosting.accounttransfer.document;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.text.PDFTextStripper;
import org.w3c.dom.Node;

/** Reads a printed document back as accounting software would: its text, and the values of its Factur-X XML. */
final class FacturXDocuments {

    private FacturXDocuments() {
    }

    static String text(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    /** The attached {@code factur-x.xml}, or null when the PDF carries none. */
    static byte[] attachedXml(byte[] pdf) throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentNameDictionary names = document.getDocumentCatalog().getNames();
            if (names == null || names.getEmbeddedFiles() == null) {
                return null;
            }
            Map<String, PDComplexFileSpecification> files = names.getEmbeddedFiles().getNames();
            PDComplexFileSpecification file = files == null ? null : files.get("factur-x.xml");
            return file == null ? null : file.getEmbeddedFile().toByteArray();
        }
    }

    /** The XML's value at a path of local names, e.g. "GrandTotalAmount"; the first such element in the document. */
    static String value(byte[] xml, String localName) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        return evaluate(dom, "(//*[local-name()='" + localName + "'])[1]");
    }

    static BigDecimal amount(byte[] xml, String localName) throws Exception {
        String value = value(xml, localName);
        return value == null ? null : new BigDecimal(value.strip());
    }

    /** The value at an XPath written with local names only: "InvoiceReferencedDocument/IssuerAssignedID". */
    static String path(byte[] xml, String localPath) throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var dom = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        StringBuilder xpath = new StringBuilder("(/");
        for (String step : localPath.split("/")) {
            xpath.append("/*[local-name()='").append(step).append("']");
        }
        return evaluate(dom, xpath.append(")[1]").toString());
    }

    private static String evaluate(org.w3c.dom.Document dom, String xpath) throws XPathExpressionException {
        Node node = (Node) XPathFactory.newInstance().newXPath().evaluate(xpath, dom, XPathConstants.NODE);
        return node == null ? null : node.getTextContent().strip();
    }
}
