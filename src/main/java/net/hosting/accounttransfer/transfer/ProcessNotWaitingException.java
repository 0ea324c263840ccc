package net.hosting.accounttransfer.transfer;

import net.hosting.accounttransfer.common.ConflictException;

/** A decision the transfer's process cannot take, because staff stopped, suspended or changed it in Cockpit. */
public class ProcessNotWaitingException extends ConflictException {

    public ProcessNotWaitingException(String detail) {
        super(detail);
    }
}
