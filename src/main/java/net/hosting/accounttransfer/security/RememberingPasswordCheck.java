package net.hosting.accounttransfer.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import net.hosting.accounttransfer.common.TextFields;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Checks a profile's password with BCrypt once, then remembers the success for a few minutes. HTTP Basic sends
 * the password with every API call, and BCrypt, slow on purpose, took 70% of the CPU under load.
 *
 * <p>The trade-off: for {@link #REMEMBER_FOR} after a right answer, the same email and password are accepted
 * at the cost of one keyed hash instead of BCrypt, so a guess that matches is not slowed either. That does not
 * help an attacker, who has to be right first, through BCrypt. What is remembered is an HMAC under a key made at
 * start and never stored, so a heap dump holds no plain or fast-to-crack hash of a password. A remembered
 * success counts only while the profile's stored hash is the one it was checked against: the profile is read on
 * every call anyway, so a changed password (on any node) or email stops the old one at once.
 */
final class RememberingPasswordCheck extends DaoAuthenticationProvider {

    static final Duration REMEMBER_FOR = Duration.ofMinutes(5);
    /** Bounds the memory: the least recently used success is forgotten first. */
    static final int MAX_REMEMBERED = 10_000;

    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Remembered> remembered = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };

    private record Remembered(String storedHash, Instant until) {
    }

    RememberingPasswordCheck(UserDetailsService users, PasswordEncoder passwords, Clock clock) {
        super(users);
        setPasswordEncoder(passwords);
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** S11: a name with a control character is never looked up (PostgreSQL refuses a NUL): no such profile. */
    @Override
    public Authentication authenticate(Authentication authentication) {
        if (TextFields.hasControlCharacter(authentication.getName(), false)) {
            throw new BadCredentialsException(messages.getMessage(
                    "AbstractUserDetailsAuthenticationProvider.badCredentials", "Bad credentials"));
        }
        return super.authenticate(authentication);
    }

    @Override
    protected void additionalAuthenticationChecks(UserDetails user, UsernamePasswordAuthenticationToken presented) {
        if (presented.getCredentials() == null) {
            super.additionalAuthenticationChecks(user, presented);
            return;
        }
        String fingerprint = fingerprint(user.getUsername(), presented.getCredentials().toString());
        Instant now = clock.instant();
        Remembered earlier;
        synchronized (remembered) {
            earlier = remembered.get(fingerprint);
        }
        if (earlier != null && now.isBefore(earlier.until()) && sameHash(earlier.storedHash(), user.getPassword())) {
            return;
        }
        // throws when the password is wrong, so only a success is remembered
        super.additionalAuthenticationChecks(user, presented);
        synchronized (remembered) {
            remembered.put(fingerprint, new Remembered(user.getPassword(), now.plus(REMEMBER_FOR)));
        }
    }

    private String fingerprint(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }

    private static boolean sameHash(String remembered, String stored) {
        return stored != null && MessageDigest.isEqual(remembered.getBytes(StandardCharsets.UTF_8),
                stored.getBytes(StandardCharsets.UTF_8));
    }
}
