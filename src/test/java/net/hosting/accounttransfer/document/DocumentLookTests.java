package net.hosting.accounttransfer.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prints every kind of document into target/documents, for a person (and pdftoppm) to look at. */
class DocumentLookTests {

    @Test
    void printsEveryKindOfDocument() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "documents"));
        DocumentPrinter printer = SampleDocuments.printer();
        for (Map.Entry<String, Document> sample : SampleDocuments.all().entrySet()) {
            byte[] pdf = printer.print(sample.getValue());
            Files.write(out.resolve(sample.getKey() + ".pdf"), pdf);
            Files.writeString(out.resolve(sample.getKey() + ".html"), SampleDocuments.renderer().html(sample.getValue()));
            assertThat(new String(pdf, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        }
    }
}
