package net.hosting.accounttransfer.common;

import java.util.List;

/** The request is well-formed but breaks a business rule (answered 422). */
public class RuleViolationException extends RuntimeException {

    /** Which rule was broken: the API answers it as {@code reason}, and pages say it in the reader's language. */
    public enum Reason {
        /** A field that must have a value is blank. */
        REQUIRED,
        /** A text holds NUL or another control character its field does not allow (S11). */
        CONTROL_CHARACTER,
        /** A text is longer than its field allows; argument: the most characters allowed. */
        TOO_LONG,
        /** Not exactly one email address (S5). */
        EMAIL_INVALID,
        /** The recipient is the sender itself (T2). */
        OWN_EMAIL,
        /** The account's subscription is not active (T4). */
        SUBSCRIPTION_NOT_ACTIVE,
        /** The current password is missing or wrong (S1). */
        CURRENT_PASSWORD_WRONG,
        /** A new password is too short; argument: the fewest characters allowed. */
        PASSWORD_TOO_SHORT,
        /** A new password is longer than BCrypt reads; argument: the most bytes allowed. */
        PASSWORD_TOO_LONG,
        /** Not an ISO 3166-1 alpha-2 country code (V3). */
        COUNTRY_INVALID,
        /** A VAT number whose prefix is not the profile's country, or whose digits or check digits are wrong (V3). */
        VAT_NUMBER_INVALID,
        /** A language other than fr or en. */
        LOCALE_UNSUPPORTED,
        /** An Idempotency-Key header that is empty or too long (API only). */
        IDEMPOTENCY_KEY_INVALID,
        /** A page of a list that cannot exist: a negative page, or a size outside 1 to 200. */
        PAGE_INVALID,
        /** The profile already holds the most API tokens it may; argument: that limit. */
        TOO_MANY_TOKENS
    }

    private final Reason reason;
    private final String field;
    private final List<Object> arguments;

    /**
     * @param field the input at fault, or null
     * @param detail what an API client reads, in English
     * @param arguments what a page's text for the reason needs, such as a length limit
     */
    public RuleViolationException(Reason reason, String field, String detail, Object... arguments) {
        super(detail);
        this.reason = reason;
        this.field = field;
        this.arguments = List.of(arguments);
    }

    public Reason reason() {
        return reason;
    }

    /** The input field at fault, when there is one, so pages can show the error beside it. */
    public String field() {
        return field;
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
