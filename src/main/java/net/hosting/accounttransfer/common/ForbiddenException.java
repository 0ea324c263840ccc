package net.hosting.accounttransfer.common;

/** The caller may see the thing but not do this to it, e.g. a sender accepting its own offer (answered 403). */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String detail) {
        super(detail);
    }
}
