package net.hosting.accounttransfer.common;

/** The request clashes with the current state, e.g. a transfer no longer pending (answered 409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String detail) {
        super(detail);
    }
}
