package net.hosting.accounttransfer.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.hosting.accounttransfer.transfer.process.PacedJobExecutor;
import net.hosting.accounttransfer.transfer.process.StaffHistoryPlugin;
import org.camunda.bpm.container.impl.metadata.PropertyHelper;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.impl.persistence.StrongUuidGenerator;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The service's engine settings, read from its own {@code application.yaml} (history level, job executor, generic
 * properties, the driver's settings), applied to a standalone engine as the Camunda Spring Boot starter applies
 * them, so that the engine floor and the history cleanup test follow the service whenever its configuration changes.
 */
public final class ServiceEngineSettings {

    private static final String GENERIC = "camunda.bpm.generic-properties.properties.";
    private static final String DRIVER = "spring.datasource.hikari.data-source-properties.";

    private final StandardEnvironment environment = new StandardEnvironment();

    /** @param overrides settings that win over the file, as {@code -Dname=value} does for the service */
    public ServiceEngineSettings(Map<String, String> overrides) {
        try {
            // the main application.yaml: the test classpath has none of its own
            for (PropertySource<?> source : new YamlPropertySourceLoader().load("application.yaml",
                    new ClassPathResource("application.yaml"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new IllegalStateException("application.yaml is not readable", e);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("overrides", new LinkedHashMap<>(overrides)));
    }

    /** The {@code -Dname=value} among JVM arguments, as the service would see them. */
    public static Map<String, String> systemProperties(String jvmArgs) {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String arg : jvmArgs.trim().split("\\s+")) {
            if (arg.startsWith("-D") && arg.contains("=")) {
                properties.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return properties;
    }

    public String get(String name) {
        String value = environment.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("application.yaml has no " + name);
        }
        return value;
    }

    /** camunda.bpm.generic-properties.properties.*, resolved. */
    public Map<String, String> genericProperties() {
        return under(GENERIC);
    }

    /** Gives the pool the driver settings the service's pool has (spring.datasource.hikari.data-source-properties). */
    public void applyDriverSettingsTo(HikariDataSource pool) {
        under(DRIVER).forEach(pool::addDataSourceProperty);
    }

    private Map<String, String> under(String prefix) {
        Map<String, String> properties = new TreeMap<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof EnumerablePropertySource<?> enumerable) {
                for (String name : enumerable.getPropertyNames()) {
                    if (name.startsWith(prefix)) {
                        properties.putIfAbsent(name.substring(prefix.length()), environment.getProperty(name));
                    }
                }
            }
        }
        return properties;
    }

    /** Applies to the configuration what the service's engine gets from application.yaml and the starter. */
    public void applyTo(ProcessEngineConfigurationImpl configuration, boolean jobExecutor) {
        configuration.setHistory(get("camunda.bpm.history-level"));
        // the plugin (a bean in the service) that registers the service's own history level and moves a database
        // stored at full to it
        configuration.getProcessEnginePlugins().add(new StaffHistoryPlugin());
        configuration.setDatabaseSchemaUpdate("true");
        // as the Spring Boot starter does: the default block generator takes a second connection per id block
        configuration.setIdGenerator(new StrongUuidGenerator());
        // the service's job executor paces its acquisitions (PacedJobExecutor); the same loop here
        long pause = DurationStyle.detectAndParse(get("app.job-acquisition-pause")).toMillis();
        DefaultJobExecutor executor = new DefaultJobExecutor() {
            @Override
            protected void ensureInitialization() {
                super.ensureInitialization();
                acquireJobsRunnable = new PacedJobExecutor.PacedAcquisition(this, pause);
            }

            @Override
            public Runnable getExecuteJobsRunnable(List<String> jobIds, ProcessEngineImpl engine) {
                return new PacedJobExecutor.PacedAcquisition.Steps(jobIds, engine);
            }
        };
        executor.setCorePoolSize(Integer.parseInt(get("camunda.bpm.job-execution.core-pool-size")));
        executor.setMaxPoolSize(Integer.parseInt(get("camunda.bpm.job-execution.max-pool-size")));
        executor.setQueueSize(Integer.parseInt(get("camunda.bpm.job-execution.queue-capacity")));
        executor.setMaxJobsPerAcquisition(PacedJobExecutor.maxJobsPerAcquisition(
                environment.getProperty("camunda.bpm.job-execution.max-jobs-per-acquisition", Integer.class),
                executor.getCorePoolSize(), executor.getQueueSize()));
        executor.setLockTimeInMillis(Integer.parseInt(get("camunda.bpm.job-execution.lock-time-in-millis")));
        configuration.setJobExecutor(executor);
        configuration.setJobExecutorActivate(jobExecutor);
        PropertyHelper.applyProperties(configuration, genericProperties(), PropertyHelper.KEBAB_CASE);
    }
}
