package net.hosting.accounttransfer.transfer;

import net.hosting.accounttransfer.common.SecretToken;

/** The secret of an accept link (T13): a {@link SecretToken}, of which only the hash is stored. */
final class TransferToken {

    private TransferToken() {
    }

    static String generate() {
        return SecretToken.generate();
    }

    static String hash(String token) {
        return SecretToken.hash(token);
    }

    static boolean matches(String token, String storedHash) {
        return SecretToken.matches(token, storedHash);
    }
}
