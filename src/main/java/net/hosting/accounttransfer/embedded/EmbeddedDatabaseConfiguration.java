package net.hosting.accounttransfer.embedded;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.hosting.accounttransfer.config.CapacityProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Starts a PostgreSQL 17 in-process when no datasource is configured; its data survives restarts. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = EmbeddedDefaults.EMBEDDED_DATABASE, havingValue = "true")
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgres embeddedPostgres(EmbeddedProperties embedded) throws IOException {
        String dataDir = embedded.dataDir();
        // Spring closes it after everything that uses the database has stopped; a JVM hook of its own would race that
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "100")
                .setRegisterShutdownHook(false);
        if (dataDir.isBlank()) {
            // a throw-away database, as tests want
            builder.setCleanDataDirectory(true);
        } else {
            Path dir = Path.of(dataDir).toAbsolutePath();
            if (embedded.fresh()) {
                log.warn("app.embedded.fresh=true: deleting the embedded database in {}", dir);
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
            builder.setDataDirectory(dir).setCleanDataDirectory(false);
        }
        EmbeddedPostgres postgres = builder.start();
        log.info("Embedded PostgreSQL listening on port {}", postgres.getPort());
        return postgres;
    }

    /** The pool settings of application.yaml (timeouts included) apply to the embedded database as well. */
    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    DataSource dataSource(EmbeddedPostgres postgres, CapacityProperties capacity) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        dataSource.setMaximumPoolSize(capacity.databaseConnections());
        dataSource.setPoolName("embedded");
        return dataSource;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
