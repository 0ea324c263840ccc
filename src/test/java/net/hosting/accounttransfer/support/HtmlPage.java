package net.hosting.accounttransfer.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.springframework.test.web.servlet.MvcResult;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * A rendered page read through XPath. The templates are written as well-formed XHTML, so a plain XML parser
 * reads them; a page that stops being well-formed fails here with its source.
 */
public final class HtmlPage {

    private final String source;
    private final Document document;

    private HtmlPage(String source, Document document) {
        this.source = source;
        this.document = document;
    }

    public static HtmlPage of(String html) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            return new HtmlPage(html, factory.newDocumentBuilder().parse(new InputSource(new StringReader(html))));
        } catch (Exception e) {
            throw new AssertionError("the page is not well-formed: " + e.getMessage() + "\n" + html, e);
        }
    }

    /** The page a request answered, after checking its status (the body is shown when the status is not the expected one). */
    public static HtmlPage of(MvcResult result, int status) throws UnsupportedEncodingException {
        String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(result.getResponse().getStatus()).as(body).isEqualTo(status);
        return of(body);
    }

    /** The text of the first node the expression selects, or "" when none; whitespace collapsed. */
    public String text(String xpath) {
        try {
            String value = (String) XPathFactory.newInstance().newXPath().evaluate(xpath, document,
                    XPathConstants.STRING);
            return value.replaceAll("\\s+", " ").strip();
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + xpath, e);
        }
    }

    public int count(String xpath) {
        try {
            return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, document,
                    XPathConstants.NODESET)).getLength();
        } catch (Exception e) {
            throw new AssertionError("bad XPath " + xpath, e);
        }
    }

    public boolean has(String xpath) {
        return count(xpath) > 0;
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }
}
