package net.hosting.accounttransfer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * What a phase of lifecycles costs: rows written and transactions of one database ({@code pg_stat_database},
 * {@code pg_stat_user_tables}), CPU of the PostgreSQL cluster and of one JVM ({@code /proc}), taken as the
 * difference of two snapshots, so that start-up and seeding cancel out.
 */
final class CostMeter {

    /**
     * PostgreSQL 15+ keeps a backend's statistics in its own memory and publishes them at most once a second
     * while busy, and 10 s after it went idle (PGSTAT_IDLE_INTERVAL); {@code pg_stat_force_next_flush()} acts on
     * the calling backend only. So a snapshot waits this long after the phase, and the counts are exact.
     */
    private static final long STATS_SETTLE_MILLIS = 11_000;
    /** USER_HZ: /proc reports CPU in clock ticks of 10 ms on Linux, whatever the kernel's own HZ. */
    private static final double MS_PER_TICK = 10.0;

    /** One moment's counters. {@code harness} counts the benchmark's own transactions on the database. */
    record Snapshot(long jvmTicks, long postgresTicks, long transactions, long inserted, long updated, long deleted,
            Map<String, long[]> tables, long harness) {
    }

    /** The difference of two snapshots, per lifecycle. */
    record Cost(int lifecycles, double jvmMs, double postgresMs, double transactions, double inserted,
            double updated, double deleted, List<Map.Entry<String, double[]>> topTables) {

        double rows() {
            return inserted + updated + deleted;
        }
    }

    private final BenchDatabases databases;
    private final String database;
    private final LongSupplier jvmTicks;
    private final LongSupplier harnessTransactions;

    /**
     * @param jvmTicks            the CPU ticks of the JVM that runs the lifecycles
     * @param harnessTransactions how many transactions the benchmark itself has run on the database so far
     */
    CostMeter(BenchDatabases databases, String database, LongSupplier jvmTicks, LongSupplier harnessTransactions) {
        this.databases = databases;
        this.database = database;
        this.jvmTicks = jvmTicks;
        this.harnessTransactions = harnessTransactions;
    }

    /** User and system CPU ticks of a process (fields 14 and 15 of /proc/pid/stat). */
    static long processTicks(long pid) {
        long[] fields = stat(pid);
        return fields == null ? 0 : fields[14] + fields[15];
    }

    /**
     * The harness's own JVM. Used for the in-process engines (bare engine and engine floor): their client threads
     * call the engine and do the engine's work themselves, and otherwise wait on a latch; the job executor's
     * threads, the JIT and GC are the engine's. No SMTP server or HTTP client runs in those phases, so what else
     * the harness spends is a few wake-ups per lifecycle, well below the figure's noise.
     */
    static long ownTicks() {
        return processTicks(ProcessHandle.current().pid());
    }

    Snapshot take() throws Exception {
        Thread.sleep(STATS_SETTLE_MILLIS);
        Map<String, long[]> tables = new HashMap<>();
        long postmaster;
        // first the tables, on the measured database (a transaction of its own, counted as the harness's), then
        // the database's counters from another database, so that reading them does not move them
        try (Connection connection = databases.connect(database); Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(
                    "select relname, n_tup_ins, n_tup_upd, n_tup_del from pg_stat_user_tables")) {
                while (rows.next()) {
                    tables.put(rows.getString(1), new long[] {rows.getLong(2), rows.getLong(3), rows.getLong(4)});
                }
            }
            try (ResultSet pid = statement.executeQuery("select pg_backend_pid()")) {
                pid.next();
                postmaster = parentOf(pid.getLong(1));
            }
        }
        long harness = harnessTransactions.getAsLong() + 1;
        // the backend above has exited and published its counts by the time this second connection reads them
        Thread.sleep(500);
        try (Connection admin = databases.connect(databases.adminDatabase());
                Statement statement = admin.createStatement()) {
            statement.execute("select pg_stat_clear_snapshot()");
            try (ResultSet row = statement.executeQuery("""
                    select xact_commit + xact_rollback, tup_inserted, tup_updated, tup_deleted
                    from pg_stat_database where datname = '%s'""".formatted(database))) {
                row.next();
                return new Snapshot(jvmTicks.getAsLong(), clusterTicks(postmaster), row.getLong(1), row.getLong(2),
                        row.getLong(3), row.getLong(4), tables, harness);
            }
        }
    }

    static Cost cost(Snapshot before, Snapshot after, int lifecycles) {
        double n = lifecycles;
        List<Map.Entry<String, double[]>> top = new ArrayList<>();
        after.tables().forEach((table, counts) -> {
            long[] was = before.tables().getOrDefault(table, new long[3]);
            double[] delta = {(counts[0] - was[0]) / n, (counts[1] - was[1]) / n, (counts[2] - was[2]) / n};
            if (delta[0] + delta[1] + delta[2] > 0) {
                top.add(Map.entry(table, delta));
            }
        });
        top.sort(Comparator.comparingDouble((Map.Entry<String, double[]> e) -> -(e.getValue()[0] + e.getValue()[1]
                + e.getValue()[2])).thenComparing(Map.Entry::getKey));
        return new Cost(lifecycles, (after.jvmTicks() - before.jvmTicks()) * MS_PER_TICK / n,
                (after.postgresTicks() - before.postgresTicks()) * MS_PER_TICK / n,
                (after.transactions() - before.transactions() - (after.harness() - before.harness())) / n,
                (after.inserted() - before.inserted()) / n, (after.updated() - before.updated()) / n,
                (after.deleted() - before.deleted()) / n, top.subList(0, Math.min(10, top.size())));
    }

    /**
     * Every process of the cluster: the postmaster with the CPU of the children it has reaped (backends that
     * ended, fields 16 and 17), and each child alive now. The cluster serves only the benchmark's databases when
     * it is the embedded one; on a shared server, other databases' work counts too.
     */
    private static long clusterTicks(long postmaster) throws IOException {
        long[] own = stat(postmaster);
        if (own == null) {
            throw new IllegalStateException("no /proc/" + postmaster + "/stat: PostgreSQL must run on this machine");
        }
        long ticks = own[14] + own[15] + own[16] + own[17];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String name = process.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    long[] child = stat(Long.parseLong(name));
                    if (child != null && child[4] == postmaster) {
                        ticks += child[14] + child[15];
                    }
                }
            }
        }
        return ticks;
    }

    private static long parentOf(long pid) {
        long[] fields = stat(pid);
        if (fields == null) {
            throw new IllegalStateException("no /proc/" + pid + "/stat: PostgreSQL must run on this machine");
        }
        return fields[4];
    }

    /** /proc/pid/stat as numbers indexed as proc(5) counts them (1-based; the name and state are 0), or null. */
    private static long[] stat(long pid) {
        String line;
        try {
            line = Files.readString(Path.of("/proc/" + pid + "/stat"));
        } catch (IOException gone) {
            return null;
        }
        // the command name may hold spaces and parentheses: the fields start after the last ')'
        String[] rest = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        // up to cstime (17): later fields such as rsslim may not fit a long
        long[] fields = new long[18];
        for (int i = 1; i + 3 < fields.length; i++) {
            fields[i + 3] = Long.parseLong(rest[i]);
        }
        return fields;
    }
}
