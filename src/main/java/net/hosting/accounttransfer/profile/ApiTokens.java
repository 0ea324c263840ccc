package net.hosting.accounttransfer.profile;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.hosting.accounttransfer.common.NotFoundException;
import net.hosting.accounttransfer.common.RuleViolationException;
import net.hosting.accounttransfer.common.InputRefusal;
import net.hosting.accounttransfer.infrastructure.SecretToken;
import net.hosting.accounttransfer.common.TextFields;
import net.hosting.accounttransfer.history.ActivityAction;
import net.hosting.accounttransfer.history.ActivityFacts;
import net.hosting.accounttransfer.history.ActivityLog;
import net.hosting.accounttransfer.history.Actor;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: scripts sign in with one instead of the password, so a call costs one indexed lookup
 * of a SHA-256 hash rather than a BCrypt check.
 */
@Service
public class ApiTokens {

    /** Every presented token starts so, which tells it apart from a password in logs and leak scanners. */
    static final String PREFIX = "at_";
    /** Where tokens are managed: only with the password, so a stolen token cannot mint others or outlive its revocation. */
    public static final String MANAGEMENT_PATH = "/api/tokens";
    /** lastUsedAt is kept to the minute: enough to see which token is in use, without a write per call. */
    static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

    private final ApiTokenRepository tokens;
    private final ProfileRepository profiles;
    private final ActivityLog activity;
    private final Clock clock;

    ApiTokens(ApiTokenRepository tokens, ProfileRepository profiles, ActivityLog activity, Clock clock) {
        this.tokens = tokens;
        this.profiles = profiles;
        this.activity = activity;
        this.clock = clock;
    }

    /** A token just made: the only moment its secret is known. */
    public record Issued(ApiToken token, String secret) {
    }

    @Transactional
    public Issued issue(Long profileId, String name, Actor actor) {
        if (name == null || name.isBlank()) {
            throw new RuleViolationException(InputRefusal.REQUIRED, "name",
                    "Give the token a name, e.g. the script that will use it.");
        }
        TextFields.oneLine("name", name);
        if (name.strip().length() > ApiToken.MAX_NAME_LENGTH) {
            throw new RuleViolationException(InputRefusal.TOO_LONG, "name",
                    "A token name can have at most " + ApiToken.MAX_NAME_LENGTH + " characters.", ApiToken.MAX_NAME_LENGTH);
        }
        // the profile's row lock makes two creations at once count one after the other, so the limit holds exactly
        profiles.lockById(profileId).orElseThrow(() -> new NotFoundException("There is no profile " + profileId + "."));
        if (tokens.countByProfile(profileId) >= ApiToken.MAX_PER_PROFILE) {
            throw new RuleViolationException(ProfileRefusal.TOO_MANY_TOKENS, null, "You hold "
                    + ApiToken.MAX_PER_PROFILE + " API tokens, the most a profile may; revoke one you no longer use first.",
                    ApiToken.MAX_PER_PROFILE);
        }
        String secret = PREFIX + SecretToken.generate();
        ApiToken token = tokens.save(new ApiToken(profileId, name.strip(), SecretToken.hash(secret), clock.instant()));
        activity.record(profileId, actor, ActivityAction.API_TOKEN_CREATED, ActivityFacts.note(token.name()));
        return new Issued(token, secret);
    }

    @Transactional(readOnly = true)
    public List<ApiToken> list(Long profileId) {
        return tokens.findByProfile(profileId);
    }

    /** Revokes at once: the next call with the token finds no row. Another profile's token does not exist here. */
    @Transactional
    public void revoke(Long profileId, Long tokenId, Actor actor) {
        ApiToken token = tokens.findOwned(tokenId, profileId)
                .orElseThrow(() -> new NotFoundException("You have no API token " + tokenId + "."));
        tokens.delete(token);
        activity.record(profileId, actor, ActivityAction.API_TOKEN_REVOKED, ActivityFacts.note(token.name()));
    }

    /** The profile a presented Bearer token signs in, if it is a live token; one lookup, one write a minute at most. */
    @Transactional
    public Optional<SignedInProfile> authenticate(String presented) {
        if (!SecretToken.plausible(presented) || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        List<Object[]> found = tokens.findWithProfileByHash(SecretToken.hash(presented));
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ApiToken token = (ApiToken) found.get(0)[0];
        Profile profile = (Profile) found.get(0)[1];
        Instant now = clock.instant();
        if (token.lastUsedAt() == null || token.lastUsedAt().isBefore(now.minus(LAST_USED_PRECISION))) {
            tokens.touch(token.id(), now, now.minus(LAST_USED_PRECISION));
        }
        return Optional.of(new SignedInProfile(profile));
    }
}
