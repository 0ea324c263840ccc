package net.hosting.accounttransfer.transfer;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * The error when a record a transfer step relies on is gone. Staff read it in a Cockpit incident, so it names the
 * transfer, the missing thing and its id, never "No value present".
 */
final class Missing {

    private Missing() {
    }

    static Supplier<IllegalStateException> of(UUID transferId, String what, Object id) {
        return () -> new IllegalStateException("transfer " + transferId + ": its " + what + " " + id + " does not exist");
    }

    static Supplier<IllegalStateException> signedIn(Long profileId) {
        return () -> new IllegalStateException("the signed-in profile " + profileId + " does not exist");
    }
}
