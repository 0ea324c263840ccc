package net.hosting.accounttransfer.common;

/** The reasons any feature gives for what a person typed or asked for, whatever the field. */
public enum InputRefusal implements ReasonCode {
    /** A field that must have a value is blank. */
    REQUIRED,
    /** A text holds NUL or another control character its field does not allow (S11). */
    CONTROL_CHARACTER,
    /** A text is longer than its field allows; argument: the most characters allowed. */
    TOO_LONG,
    /** A page of a list that cannot exist: a negative page, or a size outside 1 to 200. */
    PAGE_INVALID;

    @Override
    public String code() {
        return name();
    }
}
