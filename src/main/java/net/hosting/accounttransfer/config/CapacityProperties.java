package net.hosting.accounttransfer.config;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code app.capacity.*}: how many requests and process steps run at once, and the database connections they
 * need. application.yaml gives the values and hands them to Tomcat, Camunda's job executor and Hikari.
 *
 * <p>A request holds one connection (it is one transaction); so does a step, until it fails after one of its mails
 * went out: the Mailer then writes that mail's key in a transaction of its own, for a moment, before the step's
 * connection is released (Spring releases it after the rollback's callbacks). That is when mail or the database
 * misbehave, so under load many job threads may take that path at once; a write that waited for the pool could time
 * out and the mail go out twice. So a pool of one connection per web thread, two per job thread, plus
 * {@link #RESERVED}, never makes a step wait for a connection. The start fails rather than run with a pool that
 * could starve.
 *
 * @param webThreads Tomcat's worker threads; further requests queue in Tomcat, not in the pool
 * @param jobThreads Camunda's job executor threads (core and max), and its queue length
 * @param databaseConnections Hikari's pool size, for both the embedded and a production database
 */
@ConfigurationProperties("app.capacity")
public record CapacityProperties(int webThreads, int jobThreads, int databaseConnections) {

    /**
     * The job acquisition thread, and Camunda's history cleanup job, which (one at a time, in its batch window)
     * schedules its next run in a new transaction before its own has released its connection.
     */
    public static final int RESERVED = 2;

    public CapacityProperties {
        if (webThreads < 1 || jobThreads < 1) {
            throw new IllegalArgumentException("app.capacity.web-threads and app.capacity.job-threads must be at least 1");
        }
        if (databaseConnections < needed(webThreads, jobThreads)) {
            throw new IllegalArgumentException("app.capacity.database-connections is " + databaseConnections
                    + " but must be at least web-threads + 2 × job-threads + " + RESERVED + " = "
                    + needed(webThreads, jobThreads) + ", or a busy moment would leave threads waiting for a connection");
        }
    }

    /** The connections the threads can hold at once: one per request, two per step (see above). */
    public static int needed(int webThreads, int jobThreads) {
        return webThreads + 2 * jobThreads + RESERVED;
    }
}
