package net.hosting.accounttransfer.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;

/** Many transfers at once, as the fault scenarios on in-process nodes make them. */
final class Offers {

    private Offers() {
    }

    /** Transfer number {@code i} of a run: its two parties, and the account the sender offers. */
    record Offer<P>(int i, P sender, P recipient, String account) {
    }

    /** What the parties do with one offer, on a client thread; returns the transfer id. */
    interface Journey<P> {
        UUID take(Offer<P> offer) throws Exception;
    }

    /**
     * Makes {@code count} transfers on {@code clients} threads: transfer i goes from sender i % n to recipient i % n,
     * of a fresh account that {@code paidAccount} gives the sender here, one after the other (the fixtures are not
     * what is under test), and {@code journey} carries it out. Returns the transfer ids in the order of i.
     */
    static <P> List<UUID> make(int count, int clients, List<P> senders, List<P> recipients,
            BiFunction<P, Integer, String> paidAccount, Journey<P> journey) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<UUID>> started = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                P sender = senders.get(i % senders.size());
                P recipient = recipients.get(i % recipients.size());
                Offer<P> offer = new Offer<>(i, sender, recipient, paidAccount.apply(sender, i));
                started.add(pool.submit(() -> journey.take(offer)));
            }
            List<UUID> ids = new ArrayList<>();
            for (Future<UUID> transfer : started) {
                ids.add(transfer.get());
            }
            return ids;
        } finally {
            pool.shutdown();
        }
    }
}
