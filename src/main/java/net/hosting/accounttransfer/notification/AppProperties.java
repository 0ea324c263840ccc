package net.hosting.accounttransfer.notification;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.public-url} and {@code app.mail-from}: where the links in mails point, and who mails are from. The
 * other {@code app.*} settings belong to the features that read them ({@code app.embedded}, {@code app.throttle},
 * {@code app.demo-data}) or to the wiring ({@code app.capacity}).
 *
 * @param publicUrl base of every absolute link in mails
 * @param mailFrom sender address of every mail
 */
@ConfigurationProperties("app")
public record AppProperties(
        @DefaultValue("http://localhost:8080") URI publicUrl,
        @DefaultValue("Hosting <no-reply@hosting.example>") String mailFrom) {

    public String link(String path) {
        String base = publicUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
    }
}
