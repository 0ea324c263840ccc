package net.hosting.accounttransfer.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.hosting.accounttransfer.common.TextFields;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Counts failed guesses per client address, and per email from that address, in PostgreSQL, so every node sees
 * the same counts. An email is counted per address on purpose: a stranger failing for alice@ from his address
 * must never lock alice out of her own profile from hers (S3).
 */
@Service
public class GuessingThrottle {

    private static final Duration PRUNE_EVERY = Duration.ofMinutes(1);

    private final NamedParameterJdbcTemplate jdbc;
    private final ThrottleProperties settings;
    private final Clock clock;
    private final AtomicReference<Instant> lastPruned = new AtomicReference<>(Instant.EPOCH);

    GuessingThrottle(NamedParameterJdbcTemplate jdbc, ThrottleProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * How long {@code address} must wait before guessing again (for {@code email}, when given), or empty when it
     * is within its budget.
     */
    @Transactional(readOnly = true)
    public Optional<Duration> retryAfter(Guess guess, String address, String email) {
        Instant now = clock.instant();
        OffsetDateTime blockedSince = jdbc.queryForObject("""
                select max(window_start) from guess_counter
                 where counter_key in (:keys) and window_start > :expired and failures >= :budget""",
                new MapSqlParameterSource("keys", keys(guess, address, email))
                        .addValue("expired", at(now.minus(settings.window())))
                        .addValue("budget", settings.budget()),
                OffsetDateTime.class);
        Instant windowEnd = blockedSince == null ? null : blockedSince.toInstant().plus(settings.window());
        return windowEnd == null ? Optional.empty() : Optional.of(Duration.between(now, windowEnd));
    }

    /** Counts one failed guess; a counter whose window has passed starts again at one. */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    public void failed(Guess guess, String address, String email) {
        Instant now = clock.instant();
        for (String key : keys(guess, address, email)) {
            jdbc.update("""
                    insert into guess_counter (counter_key, window_start, failures) values (:key, :now, 1)
                    on conflict (counter_key) do update set
                      failures = case when guess_counter.window_start <= :expired then 1
                                      else guess_counter.failures + 1 end,
                      window_start = case when guess_counter.window_start <= :expired then excluded.window_start
                                          else guess_counter.window_start end""",
                    new MapSqlParameterSource("key", key).addValue("now", at(now))
                            .addValue("expired", at(now.minus(settings.window()))));
        }
        pruneNowAndThen(now);
    }

    /** Forgets counters whose window has passed, at most once a minute per node. */
    private void pruneNowAndThen(Instant now) {
        Instant last = lastPruned.get();
        if (last.plus(PRUNE_EVERY).isBefore(now) && lastPruned.compareAndSet(last, now)) {
            jdbc.update("delete from guess_counter where window_start <= :expired",
                    new MapSqlParameterSource("expired", at(now.minus(settings.window()))));
        }
    }

    private static List<String> keys(Guess guess, String address, String email) {
        String kind = guess.name().toLowerCase(Locale.ROOT);
        List<String> keys = new ArrayList<>(2);
        keys.add(kind + "|" + address);
        // a name with a control character is counted by address only: PostgreSQL would refuse a NUL in the key
        if (email != null && !email.isBlank() && !TextFields.hasControlCharacter(email, false)) {
            keys.add(kind + "|" + address + "|" + email.strip().toLowerCase(Locale.ROOT));
        }
        return keys;
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
