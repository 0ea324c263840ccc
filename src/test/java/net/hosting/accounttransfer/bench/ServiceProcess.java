package net.hosting.accounttransfer.bench;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built production jar in its own JVM, in production mode: {@code java -Xmx256m -jar}, nothing else unless
 * a profiling run asks for it, or the flags the Dockerfile starts it with ({@link ShippedImage}); its log in a
 * file so that pool timeouts can be counted.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);

    private final Process process;
    private final int port;
    private final Path log;
    private final Duration readyAfter;

    private ServiceProcess(Process process, int port, Path log, Duration readyAfter) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.readyAfter = readyAfter;
    }

    /** Starts the jar and returns once {@code /actuator/health} answers UP. */
    public static ServiceProcess start(Path jar, Map<String, String> environment, String extraJvmArgs, Path log)
            throws Exception {
        List<String> flags = new ArrayList<>(List.of("-Xmx256m"));
        flags.addAll(splitFlags(extraJvmArgs));
        return start(flags, jar, environment, log);
    }

    /**
     * Starts {@code java <javaFlags> -jar <jar>} and returns once {@code /actuator/health} answers UP; the JVM's
     * environment is this one's without our settings or {@code JAVA_TOOL_OPTIONS}, plus {@code environment}.
     */
    public static ServiceProcess start(List<String> javaFlags, Path jar, Map<String, String> environment, Path log)
            throws Exception {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(javaFlags);
        command.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(name -> name.startsWith("SPRING_") || name.startsWith("APP_")
                || name.startsWith("CAMUNDA_") || name.startsWith("TRANSFER_") || name.startsWith("JAVA_TOOL"));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("APP_PUBLIC_URL", "http://127.0.0.1:" + port);
        long started = System.nanoTime();
        Process process = builder.start();
        ServiceProcess service = new ServiceProcess(process, port, log, awaitHealthy(process, port, started));
        return service;
    }

    private static Duration awaitHealthy(Process process, int port, long started) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        while (System.nanoTime() - started < STARTUP_TIMEOUT.toNanos()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited during startup, exit code " + process.exitValue());
            }
            try {
                HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (answer.body().contains("\"status\":\"UP\"")) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (IOException notYetListening) {
                // keep polling until the timeout
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the service was not UP within " + STARTUP_TIMEOUT);
    }

    static List<String> splitFlags(String flags) {
        return flags.isBlank() ? List.of() : Arrays.asList(flags.trim().split("\\s+"));
    }

    public int port() {
        return port;
    }

    public Duration readyAfter() {
        return readyAfter;
    }

    public long pid() {
        return process.pid();
    }

    /** The peak resident set size of the service so far (VmHWM), in MiB. */
    public double peakRssMib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IllegalStateException("no VmHWM in /proc/" + process.pid() + "/status");
    }

    public long logLinesContaining(String text) throws IOException {
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    /** SIGKILL, as a crashed machine or the OOM killer ends a node: no shutdown hook, no graceful stop. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the service " + process.pid() + " outlived SIGKILL for 30 s");
        }
    }

    /** The jar {@code ./mvnw package} built, which the bench and faults profiles run after. */
    public static Path builtJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(f -> f.getFileName().toString().matches("account-transfer-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no target/account-transfer-*.jar: build it first"));
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
