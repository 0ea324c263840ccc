package net.hosting.accounttransfer.billing;

/** A document number such as {@code 2026-000123}: sequential and gap-free within its year. */
public record DocumentNumber(int year, int sequence) {

    public DocumentNumber {
        if (sequence < 1 || sequence > 999_999) {
            throw new IllegalArgumentException("document sequence out of range: " + sequence);
        }
    }

    public String formatted() {
        return "%04d-%06d".formatted(year, sequence);
    }
}
