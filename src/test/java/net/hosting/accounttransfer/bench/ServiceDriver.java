package net.hosting.accounttransfer.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Customers of the service over HTTP: the sender offers account i to recipient i, the recipient waits for the
 * offer mail to reach the SMTP server, then accepts. Closed mode: C clients, each one lifecycle after another.
 * Open mode: a new lifecycle every 1/rate seconds, whatever the service's pace.
 */
public final class ServiceDriver {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(120);

    final Latencies create = new Latencies();
    final Latencies accept = new Latencies();
    final AtomicInteger failedRequests = new AtomicInteger();
    final AtomicInteger offersNotMailed = new AtomicInteger();
    final AtomicInteger accepted = new AtomicInteger();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final Credentials credentials;
    private final GreenMail smtp;

    ServiceDriver(int port, Credentials credentials, GreenMail smtp) {
        this.base = "http://127.0.0.1:" + port;
        this.credentials = credentials;
        this.smtp = smtp;
    }

    void closed(int n, int clients, Duration deadline) throws InterruptedException {
        closed(1, n + 1, clients, deadline);
    }

    /** Lifecycles from (inclusive) to to (exclusive) of the seeded parties, from C clients. */
    void closed(int from, int to, int clients, Duration deadline) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(from);
        long giveUp = System.nanoTime() + deadline.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < to && System.nanoTime() < giveUp; i = next.getAndIncrement()) {
                    lifecycle(i);
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(deadline.toSeconds() + 60, TimeUnit.SECONDS);
    }

    /** Lifecycles from (inclusive) to to (exclusive) of the seeded parties, one every 1/rate seconds. */
    void open(int from, int to, double rate, Duration deadline) throws InterruptedException {
        ExecutorService customers = Executors.newCachedThreadPool();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger(from);
        clock.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i < to) {
                customers.submit(() -> lifecycle(i));
            }
        }, 0, Math.round(1_000_000 / rate), TimeUnit.MICROSECONDS);
        while (next.get() < to) {
            Thread.sleep(100);
        }
        clock.shutdownNow();
        customers.shutdown();
        customers.awaitTermination(deadline.toSeconds(), TimeUnit.SECONDS);
    }

    /** Response times from here on only: the warm-up's, with the JIT compiling, are not the measured phase's. */
    void forgetLatencies() {
        create.clear();
        accept.clear();
    }

    private void lifecycle(int i) {
        try {
            long t = System.nanoTime();
            HttpResponse<String> created = post("/api/transfers", Seed.sender(i),
                    "{\"account\":\"" + Seed.account(i) + "\",\"recipientEmail\":\"" + Seed.recipient(i)
                            + "\",\"billingMode\":\"IMMEDIATE\"}");
            create.record(t);
            if (created.statusCode() != 201) {
                failed("create", created);
                return;
            }
            UUID id = UUID.fromString(JSON.readTree(created.body()).get("id").asText());
            if (!awaitMail(Seed.recipient(i))) {
                offersNotMailed.incrementAndGet();
                return;
            }
            t = System.nanoTime();
            HttpResponse<String> answer = post("/api/transfers/" + id + "/accept", Seed.recipient(i), null);
            accept.record(t);
            if (answer.statusCode() != 200) {
                failed("accept", answer);
                return;
            }
            accepted.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failedRequests.incrementAndGet();
            System.err.println("bench: lifecycle " + i + " failed: " + e);
        }
    }

    private void failed(String what, HttpResponse<String> answer) {
        int count = failedRequests.incrementAndGet();
        if (count <= 10) {
            System.err.println("bench: " + what + " answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    private boolean awaitMail(String email) throws Exception {
        return awaitMail(smtp, email, MAIL_TIMEOUT);
    }

    /** Whether the recipient's inbox at the SMTP server holds a mail, polled as an attentive customer would. */
    public static boolean awaitMail(GreenMail smtp, String email, Duration timeout) throws Exception {
        long giveUp = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < giveUp) {
            GreenMailUser user = smtp.getUserManager().getUserByEmail(email);
            if (user != null && smtp.getManagers().getImapHostManager().getInbox(user).getMessageCount() > 0) {
                return true;
            }
            Thread.sleep(25);
        }
        return false;
    }

    private HttpResponse<String> post(String path, String email, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", credentials.authorization(email)).header("Accept", "application/json");
        if (json == null) {
            request.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString(json));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
