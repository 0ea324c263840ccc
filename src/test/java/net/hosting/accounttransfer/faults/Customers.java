package net.hosting.accounttransfer.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import net.hosting.accounttransfer.bench.Credentials;
import net.hosting.accounttransfer.bench.Seed;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Customers who keep going through faults, as a careful API client does: sender i offers account i to recipient
 * i, the recipient waits for the offer mail and accepts. A call that finds no node, or gets 503, is sent again
 * (to the next node, after Retry-After), with the same Idempotency-Key; every answer is kept, so a test can say
 * which broke the rules (a 500, a 401 for right credentials, a 503 without Retry-After or problem+json) and
 * which were slower than {@link #LONGEST_ANSWER}.
 */
final class Customers {

    /** The bound on any answer, fault or not. */
    static final Duration LONGEST_ANSWER = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    final AtomicInteger accepted = new AtomicInteger();
    final AtomicInteger resent = new AtomicInteger();
    final AtomicInteger unavailable = new AtomicInteger();
    final AtomicLong longestAnswerMillis = new AtomicLong();
    final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    final Queue<String> brokenRules = new ConcurrentLinkedQueue<>();
    final Queue<Slow> slow = new ConcurrentLinkedQueue<>();
    final Queue<String> lost = new ConcurrentLinkedQueue<>();
    private final Queue<UUID> started = new ConcurrentLinkedQueue<>();

    /** An answer slower than {@link #LONGEST_ANSWER}: when the call was sent (nanoTime), and what it was. */
    record Slow(long sentAt, String call) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Integer> ports;
    private final IntFunction<Credentials> credentials;
    private final GreenMail smtp;
    private final Duration patience;

    /**
     * @param ports the nodes, tried in turn from a different one for each customer
     * @param credentials how customer i signs in
     * @param patience how long a customer keeps trying one step before it counts the lifecycle as lost
     */
    Customers(List<Integer> ports, IntFunction<Credentials> credentials, GreenMail smtp, Duration patience) {
        this.ports = ports;
        this.credentials = credentials;
        this.smtp = smtp;
        this.patience = patience;
    }

    /** Starts lifecycles 1..n from {@code clients} customers at once; the future ends when all have. */
    CompletableFuture<Void> start(int n, int clients) {
        return CompletableFuture.runAsync(() -> {
            try {
                run(n, clients);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Returns once this many transfers are accepted (the moment a fault is injected), or all lifecycles ended. */
    void awaitAccepted(int count, CompletableFuture<Void> lifecycles) {
        FaultRun.await(count + " transfers accepted").atMost(patience).pollInterval(Duration.ofMillis(100))
                .until(() -> accepted.get() >= count || lifecycles.isDone());
    }

    /**
     * The transfers these customers started, each once though a call may have been sent again: a resent start
     * carries the first one's Idempotency-Key.
     */
    List<UUID> transfers() {
        return List.copyOf(started);
    }

    /** Runs lifecycles 1..n from {@code clients} customers at once, and returns when all have ended. */
    private void run(int n, int clients) throws InterruptedException {
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int i = next.getAndIncrement(); i <= n; i = next.getAndIncrement()) {
                    lifecycle(i);
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(patience.toSeconds() * 3 + n, TimeUnit.SECONDS)) {
            pool.shutdownNow();
            throw new IllegalStateException("customers still busy after their patience ran out");
        }
    }

    private void lifecycle(int i) {
        try {
            String key = UUID.randomUUID().toString();
            Optional<HttpResponse<String>> created = call(i, "POST", "/api/transfers", Seed.sender(i),
                    "{\"account\":\"" + Seed.account(i) + "\",\"recipientEmail\":\"" + Seed.recipient(i)
                            + "\",\"billingMode\":\"IMMEDIATE\"}", key);
            if (created.isEmpty() || created.get().statusCode() != 201) {
                lost.add("transfer " + i + ": create answered " + created.map(HttpResponse::statusCode).orElse(0));
                return;
            }
            UUID id = UUID.fromString(JSON.readTree(created.get().body()).get("id").asText());
            started.add(id);
            if (!offerArrived(Seed.recipient(i))) {
                lost.add("transfer " + i + ": no offer mail within " + patience);
                return;
            }
            Optional<HttpResponse<String>> answer = call(i, "POST", "/api/transfers/" + id + "/accept",
                    Seed.recipient(i), null, null);
            // a 409 after a resend: the first accept committed, though its answer was lost with the node
            if (answer.isPresent() && (answer.get().statusCode() == 200 || answer.get().statusCode() == 409
                    && statusOf(i, id).filter(s -> s.equals("ACCEPTED") || s.equals("COMPLETED")).isPresent())) {
                accepted.incrementAndGet();
            } else {
                lost.add("transfer " + i + ": accept answered " + answer.map(HttpResponse::statusCode).orElse(0));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            lost.add("transfer " + i + ": " + e);
        }
    }

    /** Whether the recipient's inbox at the SMTP server holds a mail within patience, looked at as a person would. */
    private boolean offerArrived(String email) {
        try {
            FaultRun.await("a mail to " + email).atMost(patience).pollInterval(Duration.ofMillis(25)).until(() -> {
                GreenMailUser user = smtp.getUserManager().getUserByEmail(email);
                return user != null && smtp.getManagers().getImapHostManager().getInbox(user).getMessageCount() > 0;
            });
            return true;
        } catch (ConditionTimeoutException notYet) {
            return false;
        }
    }

    private Optional<String> statusOf(int i, UUID id) throws IOException, InterruptedException {
        return call(i, "GET", "/api/transfers/" + id, Seed.sender(i), null, null).filter(r -> r.statusCode() == 200)
                .map(r -> {
                    try {
                        return JSON.readTree(r.body()).get("status").asText();
                    } catch (IOException e) {
                        throw new IllegalStateException("not JSON: " + r.body(), e);
                    }
                });
    }

    /**
     * One call, sent again while no node answers or the answer is 503, until {@link #patience} runs out; empty
     * when it never got through.
     */
    Optional<HttpResponse<String>> call(int customer, String method, String path, String email, String json,
            String idempotencyKey) throws InterruptedException {
        long giveUp = System.nanoTime() + patience.toNanos();
        for (int attempt = 0; System.nanoTime() < giveUp; attempt++) {
            if (attempt > 0) {
                resent.incrementAndGet();
            }
            int port = ports.get((customer + attempt) % ports.size());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(CALL_TIMEOUT).header("Authorization", credentials.apply(customer).authorization(email))
                    .header("Accept", "application/json");
            if (idempotencyKey != null) {
                request.header("Idempotency-Key", idempotencyKey);
            }
            request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json));
            if (json != null) {
                request.header("Content-Type", "application/json");
            }
            long started = System.nanoTime();
            HttpResponse<String> answer;
            try {
                answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException nodeGone) {
                // a killed node refuses the connection or cuts it; the next attempt goes to another node
                Thread.sleep(200);
                continue;
            }
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            longestAnswerMillis.accumulateAndGet(millis, Math::max);
            statuses.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
            if (millis > LONGEST_ANSWER.toMillis()) {
                slow.add(new Slow(started, method + " " + path + " took " + millis + " ms"));
            }
            switch (answer.statusCode()) {
                case 503 -> {
                    unavailable.incrementAndGet();
                    Optional<String> retryAfter = answer.headers().firstValue("Retry-After");
                    if (retryAfter.isEmpty() || !answer.headers().firstValue("Content-Type").orElse("")
                            .startsWith("application/problem+json")) {
                        brokenRules.add(method + " " + path + ": 503 without Retry-After or problem+json");
                    }
                    Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter.orElse("1"))).toMillis());
                }
                case 500, 502 -> {
                    brokenRules.add(method + " " + path + " answered " + answer.statusCode() + ": " + answer.body());
                    Thread.sleep(1000);
                }
                case 401 -> {
                    brokenRules.add(method + " " + path + " answered 401 to right credentials: " + answer.body());
                    Thread.sleep(1000);
                }
                default -> {
                    return Optional.of(answer);
                }
            }
        }
        return Optional.empty();
    }
}
