package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import net.hosting.accounttransfer.bench.Credentials;
import net.hosting.accounttransfer.bench.Seed;
import net.hosting.accounttransfer.bench.ServiceProcess;
import net.hosting.accounttransfer.support.RestartablePostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 3 of issue 11: PostgreSQL stops for 10 s and starts again while transfers are in flight and customers
 * keep calling (half with API tokens, half with their password). The node needs no restart: during the outage
 * every call gets 503 problem+json with Retry-After within 15 s, health says DOWN, then UP, and afterwards every
 * transfer completes exactly once.
 */
@ResourceLock(FaultRun.JAR_NODES)
class DatabaseRestartFaultTests {

    private static final Duration OUTAGE = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    /** One look at /actuator/health: when (nanoTime), the status code, and how long it took. */
    private record Health(long at, int status, long millis) {
    }

    @Test
    void theNodeAnswers503DuringTheOutageAndFinishesEveryTransferExactlyOnce() throws Exception {
        int n = FaultSize.pick(300, 60);
        int clients = FaultRun.clients();
        Path jar = ServiceProcess.builtJar();
        try (RestartablePostgres database = RestartablePostgres.start()) {
            GreenMail smtp = FaultRun.smtp();
            try (ServiceProcess service = ServiceProcess.start(jar, FaultRun.node(database.jdbcUrl(), "postgres", "",
                    smtp, Map.of()), "", FaultRun.log("database-restart.log"))) {
                Map<String, String> tokens;
                try (Connection app = DriverManager.getConnection(database.jdbcUrl(), "postgres", "")) {
                    tokens = FaultRun.seed(app, n);
                }
                Credentials bearer = Credentials.bearer(tokens);
                Credentials basic = Credentials.basic(Seed.PASSWORD);
                Customers customers = new Customers(List.of(service.port()), i -> i % 2 == 0 ? bearer : basic, smtp,
                        PATIENCE);
                Queue<Health> health = new ConcurrentLinkedQueue<>();
                HealthWatch watcher = new HealthWatch(service.port(), health);
                long began = System.nanoTime();
                CompletableFuture<Void> lifecycles = customers.start(n, clients);
                customers.awaitAccepted(n / 3, lifecycles);
                database.stop();
                // from the moment pg_ctl says it stopped: a look sent while it shuts down may still find it
                long stopped = System.nanoTime();
                Thread.sleep(OUTAGE.toMillis());
                long restarting = System.nanoTime();
                database.startAgain();
                long restarted = System.nanoTime();
                lifecycles.get();
                JdbcTemplate jdbc = FaultRun.jdbc(database.jdbcUrl(), "postgres", "");
                FaultRun.awaitDrained(jdbc, PATIENCE);
                double drainSeconds = (System.nanoTime() - restarted) / 1e9;
                watcher.close();
                ExactlyOnce.Expected expected = new ExactlyOnce.Expected();
                customers.transfers().forEach(expected::completedNow);
                ExactlyOnce.Result result = ExactlyOnce.check(jdbc, smtp, expected, ExactlyOnce.Commits.MAY_BE_LOST);
                List<Health> down = health.stream()
                        .filter(h -> h.at() > stopped && h.at() + h.millis() * 1_000_000 < restarting).toList();
                long firstUpAfter = health.stream().filter(h -> h.at() > restarted && h.status() == 200)
                        .mapToLong(Health::at).min().orElse(Long.MAX_VALUE);
                FaultRun.report("database restart", String.format("%d transfers (%d clients), PostgreSQL stopped"
                        + " %.1f s in for %d s, %d calls answered 503 and resent (%d resent in all), longest answer"
                        + " %d ms, answers %s, health DOWN in %d of %d looks during the outage and UP %.1f s after the"
                        + " restart, drained %.1f s after the restart", n, clients, (stopped - began) / 1e9,
                        OUTAGE.toSeconds(), customers.unavailable.get(), customers.resent.get(),
                        customers.longestAnswerMillis.get(), customers.statuses,
                        down.stream().filter(h -> h.status() == 503).count(), down.size(),
                        (firstUpAfter - restarted) / 1e9, drainSeconds), result);
                assertThat(customers.lost).as("lifecycles that never got through").isEmpty();
                assertThat(customers.brokenRules).as("answers that broke the rules during the outage").isEmpty();
                // a call sent more than 15 s before the stop was no longer waiting when it came
                assertThat(customers.slow.stream().filter(c -> c.sentAt() > stopped
                        - Customers.LONGEST_ANSWER.toNanos()).map(Customers.Slow::call))
                        .as("answers slower than " + Customers.LONGEST_ANSWER + " around the outage").isEmpty();
                assertThat(customers.unavailable.get()).as("calls answered 503 during the outage").isPositive();
                assertThat(down).as("health looks during the outage").isNotEmpty()
                        .allSatisfy(h -> assertThat(h.status()).as("health while PostgreSQL is away").isEqualTo(503))
                        .allSatisfy(h -> assertThat(h.millis()).isLessThan(Customers.LONGEST_ANSWER.toMillis()));
                assertThat(firstUpAfter).as("health UP again after the restart").isNotEqualTo(Long.MAX_VALUE);
                assertThat(expected.transfers()).as("transfers started").isEqualTo(n);
                assertThat(result.broken()).as("exactly-once").isEmpty();
            } finally {
                smtp.stop();
            }
        }
    }

    /** Looks at /actuator/health every 250 ms, as a load balancer would, until closed. */
    private static final class HealthWatch implements AutoCloseable {

        private final ScheduledExecutorService looks = Executors.newSingleThreadScheduledExecutor();
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        HealthWatch(int port, Queue<Health> seen) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(30)).build();
            looks.scheduleWithFixedDelay(() -> {
                long at = System.nanoTime();
                int status;
                try {
                    status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                } catch (java.io.IOException e) {
                    status = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                seen.add(new Health(at, status, (System.nanoTime() - at) / 1_000_000));
            }, 0, 250, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            looks.shutdown();
            looks.awaitTermination(40, TimeUnit.SECONDS);
        }
    }
}
