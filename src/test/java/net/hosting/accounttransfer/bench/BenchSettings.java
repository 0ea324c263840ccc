package net.hosting.accounttransfer.bench;

import java.time.Duration;

/**
 * What one benchmark run does, from system properties: {@code bench.n} lifecycles from {@code bench.clients}
 * concurrent clients (closed mode), or an offered {@code bench.rate} transfers per second for
 * {@code bench.duration} (open mode); API tokens unless {@code bench.auth=basic}; {@code bench.jvm-args} only for profiling runs (the P4 run has none).
 */
record BenchSettings(String mode, int n, int clients, double rate, Duration duration, boolean bare, String jvmArgs,
        Duration deadline, String auth) {

    static BenchSettings fromSystemProperties() {
        String mode = System.getProperty("bench.mode", "closed");
        double rate = Double.parseDouble(System.getProperty("bench.rate", "10"));
        Duration duration = Duration.parse(System.getProperty("bench.duration", "PT60S"));
        int n = "open".equals(mode) ? (int) Math.ceil(rate * duration.toSeconds())
                : Integer.parseInt(System.getProperty("bench.n", "1000"));
        return new BenchSettings(mode, n, Integer.parseInt(System.getProperty("bench.clients", "16")), rate, duration,
                Boolean.parseBoolean(System.getProperty("bench.bare", "true")),
                System.getProperty("bench.jvm-args", "").trim(),
                Duration.parse(System.getProperty("bench.deadline", "PT15M")),
                System.getProperty("bench.auth", "bearer"));
    }

    boolean open() {
        return "open".equals(mode);
    }
}
