package net.hosting.accounttransfer.transfer;

import java.util.Locale;

/** Who reads a mail of an outcome both parties of a transfer hear of. */
public enum Party {
    SENDER, RECIPIENT;

    /** The party's name in a mail's idempotency key. */
    String audience() {
        return name().toLowerCase(Locale.ROOT);
    }
}
