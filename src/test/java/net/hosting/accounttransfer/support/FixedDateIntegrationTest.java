package net.hosting.accounttransfer.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * {@link IntegrationTest} on a clock set to {@link #START}, so that money tests assert amounts worked out by hand
 * for real dates, and never straddle Paris midnight between the test's "today" and the application's.
 *
 * <p>The clock starts at {@link #START} when the context starts and then runs at the real pace, so that instants
 * still follow one another; the Paris date stays {@link #TODAY} for the 12 hours that follow. It lies in the
 * future, so every timer of the process (reminder, expiry, renewal) lies further ahead than the engine's own clock
 * reaches during a test: only the asynchronous steps, due at once, run.
 */
@Import({Fixtures.class, Mailbox.class, FixedDateIntegrationTest.StartingClock.class})
public abstract class FixedDateIntegrationTest extends IntegrationTest {

    /** 11:00 in Paris on the leap day of 2028. */
    public static final Instant START = Instant.parse("2028-02-29T10:00:00Z");
    /** The Paris date of {@link #START}: the acceptance date d of every transfer these tests accept. */
    public static final LocalDate TODAY = LocalDate.parse("2028-02-29");

    @TestConfiguration(proxyBeanMethods = false)
    static class StartingClock {

        @Bean
        @Primary
        Clock startingClock() {
            Clock real = Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
            return Clock.offset(real, Duration.between(real.instant(), START));
        }
    }
}
