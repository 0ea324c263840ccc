package net.hosting.accounttransfer.common;

/** A broken rule's code, as the API answers it in {@code reason} and pages look up its text ({@code rule.CODE}). */
public interface ReasonCode {

    /** The code clients read; it never changes once published. */
    String code();
}
