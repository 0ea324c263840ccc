package net.hosting.accounttransfer.profile;

import java.time.Instant;

/**
 * A profile asked to change its email (S1); the mails go out from {@code notification}, which profile cannot call
 * directly since the mailer sits above it. Published inside the request's transaction: if a mail cannot be sent,
 * the request fails and nothing is kept.
 *
 * @param confirmationToken the secret for the link to the new address, or null when another profile already uses
 *        that address, which is then told so instead
 */
public record EmailChangeRequested(Long changeId, Long profileId, String name, Profile.Language locale,
        String currentEmail, String newEmail, String confirmationToken, Instant expiresAt) {

    public boolean addressTaken() {
        return confirmationToken == null;
    }

    @Override
    public String toString() {
        // the token is a secret: never in a log line
        return "EmailChangeRequested[change=" + changeId + ", profile=" + profileId + "]";
    }
}
