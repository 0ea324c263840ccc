package net.hosting.accounttransfer.profile;

/**
 * A profile's password changed (S10): every other session of it ends, wherever it lives. Published inside the
 * change's transaction, so a change that fails ends nothing.
 *
 * @param keepSessionId the session that made the change, which stays signed in, or null for an API call
 */
public record PasswordChanged(Long profileId, String keepSessionId) {
}
