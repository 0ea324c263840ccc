package net.hosting.accounttransfer.profile;

import java.util.regex.Pattern;

/** A syntactically valid email address, as typed (case kept) but compared case-insensitively. */
public record EmailAddress(String value) {

    // deliberately simple: one @, a dotted domain, no spaces; the mailbox itself proves the rest
    private static final Pattern SHAPE = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s.]{2,}$");

    public EmailAddress {
        if (value == null || value.length() > 254 || !SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a valid email address");
        }
    }

    public static EmailAddress of(String raw) {
        return new EmailAddress(raw == null ? null : raw.strip());
    }

    public static boolean isValid(String raw) {
        return raw != null && raw.strip().length() <= 254 && SHAPE.matcher(raw.strip()).matches();
    }
}
