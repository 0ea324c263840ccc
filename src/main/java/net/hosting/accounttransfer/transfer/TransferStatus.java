package net.hosting.accounttransfer.transfer;

/** PENDING ends in exactly one of ACCEPTED, DECLINED, CANCELLED or EXPIRED; ACCEPTED becomes COMPLETED once billed. */
public enum TransferStatus {
    PENDING, ACCEPTED, DECLINED, CANCELLED, EXPIRED, COMPLETED
}
