package net.hosting.accounttransfer.profile;

import java.util.regex.Pattern;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.InputRefusal;

/**
 * Exactly one mailbox, {@code local@domain}, as typed (case kept) but compared case-insensitively (PRODUCT.md S5).
 * Parsed strictly because the mail library is lenient: it would read a list, a display name or a line break as
 * something to send to, and a lenient check here becomes an offer whose mail can never go out.
 */
public record EmailAddress(String value) {

    /** The longest address SMTP carries (RFC 5321), and the width of every email column. */
    public static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;

    // RFC 5322 dot-atom for the local part (no quoted strings, no comments), and DNS labels for the domain
    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern SHAPE = Pattern.compile(
            "^" + ATOM + "(?:\\." + ATOM + ")*@(?:" + LABEL + "\\.)+[A-Za-z]{2,63}$");

    public EmailAddress {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("'" + printable(value) + "' is not exactly one email address");
        }
    }

    /** The address typed into {@code field}, or a 422 naming that field. */
    public static EmailAddress parse(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            throw new RuleViolationException(InputRefusal.REQUIRED, field, field + ": an email address is required.");
        }
        if (!isValid(raw)) {
            throw new RuleViolationException(ProfileRefusal.EMAIL_INVALID, field, field + ": '" + printable(raw)
                    + "' is not exactly one email address. Write a single name@example.com, with no display name, list, space or line break, in at most "
                    + MAX_LENGTH + " characters.", printable(raw));
        }
        return of(raw);
    }

    public static EmailAddress of(String raw) {
        return new EmailAddress(trimmed(raw));
    }

    /** Whether two addresses name the same mailbox: the case of letters does not count, nor spaces around them. */
    public static boolean same(String one, String other) {
        return one != null && other != null && one.strip().equalsIgnoreCase(other.strip());
    }

    public static boolean isValid(String raw) {
        return isWellFormed(trimmed(raw));
    }

    private static boolean isWellFormed(String value) {
        return value != null && value.length() <= MAX_LENGTH && value.indexOf('@') <= MAX_LOCAL_LENGTH
                && SHAPE.matcher(value).matches();
    }

    // only spaces around the address are forgiven; a line break or other control character anywhere is refused
    private static String trimmed(String raw) {
        if (raw == null || raw.chars().anyMatch(Character::isISOControl)) {
            return raw;
        }
        return raw.strip();
    }

    private static String printable(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        raw.codePoints().limit(MAX_LENGTH + 1L).forEach(c -> {
            if (Character.isISOControl(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }
}
