package net.hosting.accounttransfer.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Response times of one kind of request, in milliseconds, collected from many threads. */
final class Latencies {

    private final List<Double> millis = Collections.synchronizedList(new ArrayList<>());

    void record(long startedNanos) {
        millis.add((System.nanoTime() - startedNanos) / 1_000_000.0);
    }

    /** Forgets what was recorded so far: the warm-up's times are not the measured phase's. */
    void clear() {
        millis.clear();
    }

    int count() {
        return millis.size();
    }

    /** The nearest-rank percentile, or NaN when nothing was recorded. */
    double percentile(double p) {
        List<Double> sorted;
        synchronized (millis) {
            sorted = new ArrayList<>(millis);
        }
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    String p50p99() {
        return "%.0f / %.0f ms".formatted(percentile(50), percentile(99));
    }
}
