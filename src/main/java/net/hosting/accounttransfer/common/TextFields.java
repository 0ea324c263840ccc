package net.hosting.accounttransfer.common;


/**
 * The one check of the text a person typed, for pages and API alike (S11): no NUL, which PostgreSQL refuses, nor
 * any other control character; tab and line breaks only where the field has several lines.
 */
public final class TextFields {

    private TextFields() {
    }

    /** Whether {@code value} holds a control character ({@code Cc}) that the field does not allow. */
    public static boolean hasControlCharacter(String value, boolean multiLine) {
        if (value == null) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.getType(c) == Character.CONTROL && !(multiLine && (c == '\t' || c == '\n' || c == '\r'))) {
                return true;
            }
        }
        return false;
    }

    /** A one-line field: refused with 422 naming {@code field} when it holds a control character. */
    public static String oneLine(String field, String value) {
        return require(field, value, false);
    }

    /** A field of several lines: tab and line breaks are text there; other control characters are refused. */
    public static String multiLine(String field, String value) {
        return require(field, value, true);
    }

    private static String require(String field, String value, boolean multiLine) {
        if (hasControlCharacter(value, multiLine)) {
            throw new RuleViolationException(InputRefusal.CONTROL_CHARACTER, field, "The " + field
                    + " holds a control character (such as NUL" + (multiLine ? "" : ", a tab or a line break")
                    + "); remove it and send it again.");
        }
        return value;
    }
}
