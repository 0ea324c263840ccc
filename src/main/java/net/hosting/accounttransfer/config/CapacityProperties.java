package net.hosting.accounttransfer.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.capacity.*}: how many requests and process steps run at once, and the database connections they
 * need. application.yaml gives the values and hands them to Tomcat, Camunda's job executor and Hikari.
 *
 * <p>No thread ever holds more than one connection (every request and every step is one transaction), so a
 * pool of one connection per thread that may run a transaction, plus {@link #RESERVED}, never makes a thread
 * wait for a connection. The start fails rather than run with a pool that could starve.
 *
 * @param webThreads Tomcat's worker threads; further requests queue in Tomcat, not in the pool
 * @param jobThreads Camunda's job executor threads (core and max), and its queue length
 * @param databaseConnections Hikari's pool size, for both the embedded and a production database
 */
@ConfigurationProperties("app.capacity")
public record CapacityProperties(int webThreads, int jobThreads, int databaseConnections) {

    /** The job acquisition thread, and one for housekeeping (scheduled engine work, health checks at start). */
    public static final int RESERVED = 2;

    public CapacityProperties {
        if (webThreads < 1 || jobThreads < 1) {
            throw new IllegalArgumentException("app.capacity.web-threads and app.capacity.job-threads must be at least 1");
        }
        if (databaseConnections < webThreads + jobThreads + RESERVED) {
            throw new IllegalArgumentException("app.capacity.database-connections is " + databaseConnections
                    + " but must be at least web-threads + job-threads + " + RESERVED + " = "
                    + (webThreads + jobThreads + RESERVED) + ", or a busy moment would leave threads waiting for a connection");
        }
    }
}
