package net.hosting.accounttransfer.support;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A PostgreSQL of this test's own (Zonky's binaries) that can be stopped and started again on the same port and
 * data directory, as a database server restart looks to the service: never the shared server on 5432.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    public static RestartablePostgres start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        RestartablePostgres postgres = new RestartablePostgres(Files.createTempDirectory("restartable-postgres"), port);
        postgres.startAgain();
        return postgres;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    /** Stops the server as an operator's restart does ({@code pg_ctl stop -m fast}: sessions are cut at once). */
    public void stop() throws IOException {
        running.close();
        running = null;
    }

    /** Starts the server again on the same port and data, keeping everything committed before the stop. */
    public void startAgain() throws IOException {
        running = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).setServerConfig("max_connections", "200").setPGStartupWait(Duration.ofSeconds(60))
                .start();
    }

    @Override
    public void close() throws IOException {
        if (running != null) {
            stop();
        }
        try (Stream<Path> paths = Files.walk(dataDirectory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
