package net.hosting.accounttransfer.transfer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;
import net.hosting.accounttransfer.infrastructure.TimedCache;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The gauge {@code transfers{status}}: how many transfers are in each status, across every node. */
@Component
class TransferMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;
    // held here: a gauge keeps only a weak reference to its state, and would read NaN once it is collected
    private final TimedCache<Map<String, Long>> byStatus;

    TransferMetrics(JdbcTemplate jdbc, TransferProperties properties) {
        this.jdbc = jdbc;
        this.byStatus = new TimedCache<>(this::countByStatus, properties.metricsMaxAge());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (TransferStatus status : TransferStatus.values()) {
            Gauge.builder("transfers", byStatus, counts -> counts.get().getOrDefault(status.name(), 0L))
                    .tag("status", status.name())
                    .description("Transfers in this status, as last read from the database")
                    .register(registry);
        }
    }

    private Map<String, Long> countByStatus() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select status, count(*) from transfer group by status",
                row -> { counts.put(row.getString(1), row.getLong(2)); });
        return counts;
    }
}
