package net.hosting.accounttransfer.profile;

import net.hosting.accounttransfer.common.ReasonCode;

/** Why the profile feature refuses a sign-up, a profile change, an email or an API token. */
public enum ProfileRefusal implements ReasonCode {
    /** Not exactly one email address (S5). */
    EMAIL_INVALID,
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
    /** The profile already holds the most API tokens it may; argument: that limit. */
    TOO_MANY_TOKENS;

    @Override
    public String code() {
        return name();
    }
}
