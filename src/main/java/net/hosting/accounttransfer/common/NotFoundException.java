package net.hosting.accounttransfer.common;

/** The thing does not exist, or the caller may not know that it does (answered 404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String detail) {
        super(detail);
    }
}
