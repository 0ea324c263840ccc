package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.hosting.accounttransfer.support.ShippedSettings;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;

/** app.capacity is the one home of Tomcat's, the job executor's and Hikari's sizes, and refuses a pool that could starve. */
class CapacitySettingsTests {

    @Test
    void theDefaultsGiveEveryThreadItsConnection() {
        StandardEnvironment environment = ShippedSettings.environmentOver(Map.of());
        CapacityProperties capacity = Binder.get(environment).bindOrCreate("app.capacity", CapacityProperties.class);

        assertThat(capacity.databaseConnections())
                .isGreaterThanOrEqualTo(capacity.webThreads() + 2 * capacity.jobThreads() + CapacityProperties.RESERVED);
        assertThat(environment.getProperty("server.tomcat.threads.max", Integer.class)).isEqualTo(capacity.webThreads());
        assertThat(environment.getProperty("camunda.bpm.job-execution.max-pool-size", Integer.class))
                .isEqualTo(capacity.jobThreads());
        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class))
                .isEqualTo(capacity.databaseConnections());
    }

    @Test
    void operatorsVariablesReachTomcatTheJobExecutorAndThePool() {
        StandardEnvironment environment = ShippedSettings.environmentOver(Map.of("APP_CAPACITY_WEB_THREADS", "40",
                "APP_CAPACITY_JOB_THREADS", "8", "APP_CAPACITY_DATABASE_CONNECTIONS", "58"));

        assertThat(environment.getProperty("server.tomcat.threads.max", Integer.class)).isEqualTo(40);
        assertThat(environment.getProperty("camunda.bpm.job-execution.core-pool-size", Integer.class)).isEqualTo(8);
        assertThat(environment.getProperty("camunda.bpm.job-execution.max-pool-size", Integer.class)).isEqualTo(8);
        assertThat(environment.getProperty("camunda.bpm.job-execution.queue-capacity", Integer.class)).isEqualTo(8);
        assertThat(environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class)).isEqualTo(58);
    }

    @Test
    void aPoolSmallerThanTheThreadsThatUseItStopsTheStart() {
        StandardEnvironment environment = ShippedSettings.environmentOver(Map.of("APP_CAPACITY_WEB_THREADS", "40",
                "APP_CAPACITY_JOB_THREADS", "8", "APP_CAPACITY_DATABASE_CONNECTIONS", "57"));

        assertThatThrownBy(() -> Binder.get(environment).bind("app.capacity", CapacityProperties.class))
                .isInstanceOf(BindException.class).rootCause()
                .hasMessageContaining("app.capacity.database-connections is 57").hasMessageContaining("= 58");
    }
}
