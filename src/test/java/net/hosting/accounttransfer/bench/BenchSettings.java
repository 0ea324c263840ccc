package net.hosting.accounttransfer.bench;

import java.time.Duration;

/**
 * What one benchmark run does, from system properties: {@code bench.warmup} lifecycles (default N / 5 closed, 0
 * open; their response times are dropped), then
 * {@code bench.n} measured ones from {@code bench.clients} concurrent clients (closed mode), or an offered
 * {@code bench.rate} transfers per second for {@code bench.duration} (open mode); API tokens unless
 * {@code bench.auth=basic}; {@code bench.jvm-args} only for profiling runs or to compare a setting (the P4 run has
 * none); {@code bench.bare} and {@code bench.floor} for the two in-process references; {@code bench.plain} for the service
 * started with {@code java -Xmx256m -jar}, and {@code bench.shipped} for a second run of it the Dockerfile's way (it
 * doubles the service's part of the run; {@code bench.plain=false} leaves the first out, to compare flags there).
 */
record BenchSettings(String mode, int n, int warmup, int clients, double rate, Duration duration, boolean bare,
        boolean floor, boolean plain, boolean shipped, String jvmArgs, Duration deadline, String auth) {

    static BenchSettings fromSystemProperties() {
        String mode = System.getProperty("bench.mode", "closed");
        double rate = Double.parseDouble(System.getProperty("bench.rate", "10"));
        Duration duration = Duration.parse(System.getProperty("bench.duration", "PT60S"));
        int n = "open".equals(mode) ? (int) Math.ceil(rate * duration.toSeconds())
                : Integer.parseInt(System.getProperty("bench.n", "1000"));
        // the open loop warms up (closed, from the same clients) only when asked, so that earlier runs stay comparable
        int warmup = Integer.parseInt(System.getProperty("bench.warmup", "open".equals(mode) ? "0" : Integer.toString(n / 5)));
        return new BenchSettings(mode, n, warmup, Integer.parseInt(System.getProperty("bench.clients", "16")), rate,
                duration, Boolean.parseBoolean(System.getProperty("bench.bare", "true")),
                Boolean.parseBoolean(System.getProperty("bench.floor", "true")),
                Boolean.parseBoolean(System.getProperty("bench.plain", "true")),
                Boolean.parseBoolean(System.getProperty("bench.shipped", "true")),
                System.getProperty("bench.jvm-args", "").trim(),
                Duration.parse(System.getProperty("bench.deadline", "PT15M")),
                System.getProperty("bench.auth", "bearer"));
    }

    boolean open() {
        return "open".equals(mode);
    }
}
