package net.hosting.accounttransfer.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.*}: where customers reach the service, and the switches of the embedded default.
 *
 * @param publicUrl base of every absolute link in mails
 * @param mailFrom sender address of every mail
 * @param demoData whether to create the demo profiles and accounts at start (embedded default only)
 */
@ConfigurationProperties("app")
public record AppProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("Hosting <no-reply@hosting.example>") String mailFrom,
        @DefaultValue("false") boolean demoData) {

    public String link(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
