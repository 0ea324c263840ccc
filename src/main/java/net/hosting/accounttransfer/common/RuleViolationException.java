package net.hosting.accounttransfer.common;

/** The request is well-formed but breaks a business rule (answered 422). */
public class RuleViolationException extends RuntimeException {

    private final String field;

    public RuleViolationException(String detail) {
        this(null, detail);
    }

    public RuleViolationException(String field, String detail) {
        super(detail);
        this.field = field;
    }

    /** The input field at fault, when there is one, so pages can show the error beside it. */
    public String field() {
        return field;
    }
}
