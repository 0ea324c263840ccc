package net.hosting.accounttransfer.notification;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A mail to send: {@code template} names {@code templates/mail/<template>.html} and {@code .txt} and the
 * message {@code mail.<template>.subject}; the key makes a retried send a no-op.
 */
public record OutgoingMail(String idempotencyKey, String to, Locale locale, String template, Map<String, Object> model) {

    public OutgoingMail {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(template, "template");
        // values may be null (no refund, no reason), which Map.copyOf refuses
        model = java.util.Collections.unmodifiableMap(new java.util.HashMap<>(model));
    }
}
