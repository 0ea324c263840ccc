package net.hosting.accounttransfer.billing;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.hosting.accounttransfer.infrastructure.TimedCache;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The counters {@code billing.charged{currency}} and {@code billing.refunded{currency}}: the amounts of every
 * invoice and credit note issued. They are sums over the ledger, which only grows, so every node reports the same
 * total and a restart loses nothing. A currency no profile had at start-up shows after the next restart.
 */
@Component
class BillingMetrics implements MeterBinder {

    private final JdbcTemplate jdbc;
    // held here: a meter keeps only a weak reference to its state, and would read NaN once it is collected
    private final TimedCache<Map<String, BigDecimal>> totals;

    BillingMetrics(JdbcTemplate jdbc, BillingProperties properties) {
        this.jdbc = jdbc;
        this.totals = new TimedCache<>(this::totalsByKindAndCurrency, properties.metricsMaxAge());
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        List<String> currencies = jdbc.queryForList(
                "select currency from profile union select currency from invoice union select 'EUR'", String.class);
        for (String currency : currencies) {
            register(registry, "billing.charged", "Amount invoiced", Invoice.Kind.INVOICE, currency);
            register(registry, "billing.refunded", "Amount credited (prorated refunds)", Invoice.Kind.CREDIT_NOTE,
                    currency);
        }
    }

    private void register(MeterRegistry registry, String name, String description, Invoice.Kind kind,
            String currency) {
        FunctionCounter.builder(name, totals,
                        t -> t.get().getOrDefault(kind.name() + " " + currency, BigDecimal.ZERO).doubleValue())
                .tag("currency", currency)
                .description(description + " in this currency, over every document ever issued")
                .register(registry);
    }

    private Map<String, BigDecimal> totalsByKindAndCurrency() {
        Map<String, BigDecimal> totals = new HashMap<>();
        jdbc.query("select kind, currency, sum(amount) from invoice group by kind, currency",
                row -> { totals.put(row.getString(1) + " " + row.getString(2), row.getBigDecimal(3)); });
        return totals;
    }
}
