package net.hosting.accounttransfer.transfer.process;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import net.hosting.accounttransfer.infrastructure.TimedCache;
import net.hosting.accounttransfer.transfer.TransferProperties;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/** The gauge {@code transfer.incidents.open}: steps whose retries ran out and wait for staff in Cockpit. */
@Component
class IncidentMetrics implements MeterBinder {

    // held here: a gauge keeps only a weak reference to its state, and would read NaN once it is collected
    private final TimedCache<Long> open;

    IncidentMetrics(RuntimeService runtime, TransferProperties properties) {
        this.open = new TimedCache<>(
                () -> runtime.createIncidentQuery().processDefinitionKeyIn(TransferProcess.PROCESS_ID).count(),
                properties.metricsMaxAge());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("transfer.incidents.open", open, TimedCache::get)
                .description("Open incidents of AccountTransfer instances, as last read from the engine")
                .register(registry);
    }
}
