package net.hosting.accounttransfer.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/** BCrypt runs once per right (email, password), not once per call; a changed password is refused at once. */
class RememberingPasswordCheckTests {

    private static final String EMAIL = "paula@example.test";

    private final CountingBCrypt bcrypt = new CountingBCrypt();
    private final MovableClock clock = new MovableClock();
    private final InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
            User.withUsername(EMAIL).password(bcrypt.encode("first-password")).roles("CUSTOMER").build());
    private final RememberingPasswordCheck check = new RememberingPasswordCheck(users, bcrypt, clock);

    @Test
    void theSamePasswordIsCheckedWithBCryptOnceAndThenRemembered() {
        for (int call = 0; call < 20; call++) {
            assertThat(signIn("first-password").isAuthenticated()).isTrue();
        }
        assertThat(bcrypt.checks.get()).isEqualTo(1);
    }

    @Test
    void aWrongPasswordIsNeverRememberedAndAlwaysRefused() {
        signIn("first-password");
        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> signIn("wrong-password")).isInstanceOf(BadCredentialsException.class);
        }
        assertThat(bcrypt.checks.get()).as("each wrong guess pays BCrypt").isEqualTo(4);
    }

    @Test
    void aChangedPasswordStopsTheOldOneAtOnceEvenIfChangedElsewhere() {
        signIn("first-password");
        // another node changed it: only the stored hash tells this node
        users.updateUser(User.withUsername(EMAIL).password(bcrypt.encode("second-password")).roles("CUSTOMER").build());

        assertThatThrownBy(() -> signIn("first-password")).isInstanceOf(BadCredentialsException.class);
        assertThat(signIn("second-password").isAuthenticated()).isTrue();
    }

    @Test
    void aRememberedSuccessLastsOnlyAShortTime() {
        signIn("first-password");
        clock.advance(RememberingPasswordCheck.REMEMBER_FOR.minusSeconds(1));
        signIn("first-password");
        assertThat(bcrypt.checks.get()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(2));
        signIn("first-password");
        assertThat(bcrypt.checks.get()).as("checked with BCrypt again once the time is up").isEqualTo(2);
    }

    private Authentication signIn(String password) {
        return check.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(EMAIL, password));
    }

    /** The real BCrypt, counting how often a password is checked against it. */
    private static final class CountingBCrypt implements PasswordEncoder {

        private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder(4);
        private final AtomicInteger checks = new AtomicInteger();

        @Override
        public String encode(CharSequence raw) {
            return bcrypt.encode(raw);
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            checks.incrementAndGet();
            return bcrypt.matches(raw, encoded);
        }
    }

    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
