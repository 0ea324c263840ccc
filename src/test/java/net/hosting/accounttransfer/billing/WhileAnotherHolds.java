package net.hosting.accounttransfer.billing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a race happen every time instead of now and then: the first caller does its work in a transaction
 * that stays open, the second starts and is seen waiting on a database lock, and only then does the first commit.
 */
public final class WhileAnotherHolds {

    /** What each side ended with: a result or the exception it threw. */
    public record Outcome<T>(T result, Throwable failure) {

        public T orThrow() {
            if (failure != null) {
                throw new AssertionError("expected a result, got " + failure, failure);
            }
            return result;
        }
    }

    /** Both outcomes, and whether the second was really seen blocked behind the first. */
    public record Race<A, B>(Outcome<A> first, Outcome<B> second, boolean secondWaited) {
    }

    private WhileAnotherHolds() {
    }

    public static <A, B> Race<A, B> race(TransactionTemplate transaction, JdbcTemplate jdbc, Supplier<A> first,
            Supplier<B> second) {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch firstDone = new CountDownLatch(1);
            CountDownLatch commit = new CountDownLatch(1);
            Future<A> holder = threads.submit(() -> transaction.execute(status -> {
                A result = first.get();
                firstDone.countDown();
                awaitQuietly(commit);
                return result;
            }));
            awaitFirst(firstDone, holder);
            long waitingBefore = lockWaiters(jdbc);
            Future<B> contender = threads.submit(second::get);
            boolean waited;
            try {
                Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                        .until(() -> contender.isDone() || lockWaiters(jdbc) > waitingBefore);
                waited = !contender.isDone();
            } finally {
                commit.countDown();
            }
            return new Race<>(outcome(holder), outcome(contender), waited);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void awaitFirst(CountDownLatch firstDone, Future<?> holder) {
        try {
            if (!firstDone.await(30, TimeUnit.SECONDS) || holder.isDone()) {
                holder.get();
                throw new AssertionError("the first caller did not get to hold its transaction open");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } catch (ExecutionException e) {
            throw new AssertionError("the first caller failed", e.getCause());
        }
    }

    private static long lockWaiters(JdbcTemplate jdbc) {
        Long count = jdbc.queryForObject("""
                select count(*) from pg_stat_activity
                where datname = current_database() and wait_event_type = 'Lock'""", Long.class);
        return count == null ? 0 : count;
    }

    private static <T> Outcome<T> outcome(Future<T> future) {
        try {
            return new Outcome<>(future.get(60, TimeUnit.SECONDS), null);
        } catch (ExecutionException e) {
            return new Outcome<>(null, e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
