package net.hosting.accounttransfer.bench;

import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;

/**
 * A bare Camunda engine of the service's version in this JVM, with its defaults, the job executor on and FULL
 * history, running {@code bench/bare-lifecycle.bpmn} (async start, a no-op, a user task, two async no-ops): the
 * yardstick.
 */
final class BareEngine {

    static final String PROCESS_BPMN = "bench/bare-lifecycle.bpmn";
    static final String PROCESS_ID = "BareLifecycle";

    private BareEngine() {
    }

    /** Its steps tell the clients when the "offer" has committed and when the lifecycle has ended. */
    static StandaloneProcessEngineConfiguration configuration(DataSource dataSource, InProcessClients clients) {
        var configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("bare-bench-" + UUID.randomUUID());
        configuration.setDataSource(dataSource);
        configuration.setDatabaseSchemaUpdate("true");
        configuration.setHistory("full");
        configuration.setJobExecutorActivate(true);
        // as the Spring Boot starter does in the service: the default block generator takes a second
        // connection per id block and starves the pool under concurrent clients
        configuration.setIdGenerator(new StrongUuidGenerator());
        // as in the service: the Scala FEEL engine is not on the classpath (no DMN here, see pom.xml)
        configuration.setDmnFeelEnableLegacyBehavior(true);
        configuration.setBeans(java.util.Map.of("clients", clients));
        return configuration;
    }
}
