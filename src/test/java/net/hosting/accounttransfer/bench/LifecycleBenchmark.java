package net.hosting.accounttransfer.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.sql.DataSource;
import net.hosting.accounttransfer.transfer.process.TransferProcess;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The benchmark of docs/performance.md: N full IMMEDIATE lifecycles through the production jar's API after a
 * warm-up, checked for exactly-once, beside a bare engine running a process of the same shape and the engine floor
 * (the service's BPMN with no-op steps); prints the figures and the cost of a lifecycle of each. Run by
 * {@code ./mvnw -Pbench verify} only (failsafe, after the jar is built); it fails on a broken guarantee, never
 * on a figure.
 */
class LifecycleBenchmark {

    private static final Path OUT = Path.of("target", "bench");

    /** The benchmark's own transactions on the service's database (its polling), left out of the cost. */
    private static final AtomicLong HARNESS_TRANSACTIONS = new AtomicLong();

    /** What one run of the service gave. */
    private record ServiceRun(double lifecyclesPerSecond, CostMeter.Cost cost, double peakRssMib) {
    }

    @Test
    void runsTheLifecyclesAndPrintsTheFigures() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Files.createDirectories(OUT);
        Path jar = ServiceProcess.builtJar();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        List<String[]> rows = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        Map<String, CostMeter.Cost> costs = new LinkedHashMap<>();
        Map<String, String> peakRss = new LinkedHashMap<>();
        Map<String, Double> rates = new LinkedHashMap<>();
        try (BenchDatabases databases = BenchDatabases.start()) {
            rows.add(row("run", "%s UTC, %s, %s mode, N = %d after %d to warm up, C = %s, %s auth, %d cores, load %s"
                    .formatted(stamp, databases.describe(), settings.mode(), settings.n(), settings.warmup(),
                            settings.open() ? settings.rate() + "/s offered for " + settings.duration().toSeconds() + " s"
                                    : settings.clients(), settings.auth(), Runtime.getRuntime().availableProcessors(),
                            loadAverage()), ""));
            if (settings.bare() && !settings.open()) {
                InProcessClients clients = new InProcessClients();
                costs.put("bare engine", inProcess(databases, "bench_" + stamp + "_bare", settings, rows, broken,
                        "bare engine", clients, dataSource -> BareEngine.configuration(dataSource, clients),
                        BareEngine.PROCESS_BPMN, engine -> i -> engine.getRuntimeService()
                                .startProcessInstanceByKey(BareEngine.PROCESS_ID).getId(), Map.of(), rates));
            }
            if (settings.floor() && !settings.open()) {
                InProcessClients clients = new InProcessClients();
                ServiceEngineSettings engineSettings = new ServiceEngineSettings(
                        ServiceEngineSettings.systemProperties(settings.jvmArgs()));
                costs.put("engine floor", inProcess(databases, "bench_" + stamp + "_floor", settings, rows, broken,
                        "engine floor", clients,
                        dataSource -> {
                            engineSettings.applyDriverSettingsTo((HikariDataSource) dataSource);
                            return EngineFloor.configuration(dataSource, engineSettings, true, clients);
                        },
                        EngineFloor.PROCESS_BPMN, engine -> i -> EngineFloor.start(engine, "IMMEDIATE"),
                        Map.of(TransferProcess.DECISION, "ACCEPTED"), rates));
            }
            if (settings.plain() || !settings.shipped() || settings.open()) {
                ServiceRun plain = runService(databases, jar, stamp, "app", settings, null, rows, broken);
                peakRss.put("service", "%.0f MiB".formatted(plain.peakRssMib()));
                rates.put("service", plain.lifecyclesPerSecond());
                if (plain.cost() != null) {
                    costs.put("service", plain.cost());
                }
            }
            if (settings.shipped() && !settings.open()) {
                String cdsDatabase = "bench_" + stamp + "_cds";
                ShippedImage image = ShippedImage.build(Path.of("Dockerfile"), jar, OUT.resolve("shipped"),
                        serviceEnvironment(databases, databases.create(cdsDatabase), 25, stamp));
                rows.add(row("the Dockerfile's way", "environment " + image.environment() + ", java "
                        + String.join(" ", image.javaFlags()) + " -jar " + image.jar(), ""));
                ServiceRun shipped = runService(databases, jar, stamp, "shipped", settings, image, rows, broken);
                costs.put("service, Dockerfile's flags", shipped.cost());
                peakRss.put("service, Dockerfile's flags", "%.0f MiB".formatted(shipped.peakRssMib()));
                rates.put("service, Dockerfile's flags", shipped.lifecyclesPerSecond());
            }
        }
        rows.add(row("exactly-once", broken.isEmpty() ? "held" : String.join("; ", broken), ""));
        String table = table(rows) + costTable(costs, rates, peakRss) + topTables(costs);
        System.out.println(table);
        Files.writeString(OUT.resolve("result-" + settings.mode() + "-" + stamp + ".md"), table);
        if (!broken.isEmpty()) {
            throw new AssertionError("exactly-once broken: " + broken);
        }
    }

    /**
     * The production jar on a fresh database of its own: seeds, runs the warm-up and then the measured
     * lifecycles, checks exactly-once, and adds its rows to the table, each named after the run. Started with
     * {@code java -Xmx256m -jar}, or as the Dockerfile starts it when {@code image} is given.
     */
    private static ServiceRun runService(BenchDatabases databases, Path jar, String stamp, String name,
            BenchSettings settings, ShippedImage image, List<String[]> rows, List<String> broken)
            throws Exception {
        String appDatabase = "bench_" + stamp + "_" + name;
        String appUrl = databases.create(appDatabase);
        String label = "app".equals(name) ? "service" : "service, Dockerfile's flags";
        GreenMail smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        ServiceDriver driver;
        double rate;
        double rss;
        CostMeter.Cost cost = null;
        Map<String, String> environment = serviceEnvironment(databases, appUrl, smtp.getSmtp().getPort(), stamp);
        String started;
        if (image != null) {
            environment.putAll(image.environment());
            started = "java " + String.join(" ", image.javaFlags()) + " " + image.environment();
        } else {
            started = "java -Xmx256m";
        }
        try (ServiceProcess service = image == null
                ? ServiceProcess.start(jar, environment, settings.jvmArgs(), OUT.resolve(name + ".log"))
                : ServiceProcess.start(Stream.concat(image.javaFlags().stream(),
                        ServiceProcess.splitFlags(settings.jvmArgs()).stream()).toList(), image.jar(), environment,
                        OUT.resolve(name + ".log"))) {
            Credentials credentials;
            try (Connection app = databases.connect(appDatabase)) {
                Seed.insert(app, settings.warmup() + settings.n(), new BCryptPasswordEncoder().encode(Seed.PASSWORD));
                Map<String, String> tokens = Seed.tokens(app);
                credentials = "basic".equals(settings.auth()) ? Credentials.basic(Seed.PASSWORD)
                        : Credentials.bearer(tokens);
            }
            driver = new ServiceDriver(service.port(), credentials, smtp);
            CostMeter meter = new CostMeter(databases, appDatabase, () -> CostMeter.processTicks(service.pid()),
                    HARNESS_TRANSACTIONS::get);
            try (Connection app = databases.connect(appDatabase)) {
                CostMeter.Snapshot before = null;
                if (settings.warmup() > 0) {
                    driver.closed(1, settings.warmup() + 1, settings.clients(), settings.deadline());
                    awaitSettled(app, driver.accepted.get(), settings.deadline());
                    driver.forgetLatencies();
                }
                if (!settings.open()) {
                    before = meter.take();
                }
                int completedBefore = count(app, "select count(*) from transfer where status = 'COMPLETED'");
                Instant began = Instant.now();
                if (settings.open()) {
                    driver.open(settings.warmup() + 1, settings.warmup() + settings.n() + 1, settings.rate(),
                            settings.deadline());
                } else {
                    driver.closed(settings.warmup() + 1, settings.warmup() + settings.n() + 1, settings.clients(),
                            settings.deadline());
                }
                Instant lastCompleted = awaitSettled(app, driver.accepted.get(), settings.deadline());
                int completed = count(app, "select count(*) from transfer where status = 'COMPLETED'") - completedBefore;
                rate = completed / (Duration.between(began, lastCompleted).toNanos() / 1e9);
                if (before != null) {
                    cost = CostMeter.cost(before, meter.take(), completed);
                }
                exactlyOnce(app, smtp, driver).forEach(b -> broken.add(label + ": " + b));
                printSequentialScans(app);
            }
            rss = service.peakRssMib();
            rows.add(row(label + " ready (health UP) after", "%.1f s".formatted(service.readyAfter().toMillis() / 1e3), ""));
            rows.add(row(label + ": peak RSS (VmHWM), " + started + (settings.jvmArgs().isEmpty() ? ""
                    : " " + settings.jvmArgs()), "%.0f MiB".formatted(rss), ""));
            rows.add(row(label + ": 'Connection is not available' in the log",
                    Long.toString(service.logLinesContaining("Connection is not available")), ""));
            rows.add(row(label + ": OutOfMemoryError in the log",
                    Long.toString(service.logLinesContaining("OutOfMemoryError")), ""));
        } finally {
            smtp.stop();
        }
        rows.add(row(label + ": lifecycles/s (measured phase)", "%.1f".formatted(rate), ""));
        rows.add(row(label + ": failed requests", driver.failedRequests + " (offers not mailed within 2 minutes: "
                + driver.offersNotMailed + ")", ""));
        rows.add(row(label + ": create p50 / p99", driver.create.p50p99(), ""));
        rows.add(row(label + ": accept p50 / p99", driver.accept.p50p99(), ""));
        return new ServiceRun(rate, cost, rss);
    }

    /** The production settings a start of the jar needs, on {@code databaseUrl} and an SMTP server at {@code smtpPort}. */
    private static Map<String, String> serviceEnvironment(BenchDatabases databases, String databaseUrl, int smtpPort,
            String stamp) {
        Map<String, String> environment = new LinkedHashMap<>(Map.of(
                "SPRING_DATASOURCE_URL", databaseUrl,
                "SPRING_DATASOURCE_USERNAME", databases.username(),
                "SPRING_DATASOURCE_PASSWORD", databases.password(),
                "SPRING_MAIL_HOST", "127.0.0.1",
                "SPRING_MAIL_PORT", Integer.toString(smtpPort),
                "CAMUNDA_ADMIN_USER", "benchstaff",
                "CAMUNDA_ADMIN_PASSWORD", "bench" + stamp));
        environment.putAll(Map.of(
                "BILLING_SELLER_NAME", "Bench Hosting SAS",
                "BILLING_SELLER_ADDRESS", "1 rue du Banc\n75002 Paris",
                "BILLING_SELLER_SIREN", "123456782",
                "BILLING_SELLER_VATNUMBER", "FR11123456782"));
        return environment;
    }

    /**
     * An engine in this JVM on a fresh database of its own: the same warm-up and measured phase as the service,
     * from as many in-process clients; every lifecycle must end.
     */
    private static CostMeter.Cost inProcess(BenchDatabases databases, String database, BenchSettings settings,
            List<String[]> rows, List<String> broken, String label, InProcessClients clients,
            Function<DataSource, ProcessEngineConfigurationImpl> configure, String bpmn,
            Function<ProcessEngine, InProcessClients.Starter> starter, Map<String, Object> decision,
            Map<String, Double> rates) throws Exception {
        String url = databases.create(database);
        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(databases.username());
            dataSource.setPassword(databases.password());
            // as many connections as the service has, so that the pool never throttles the clients
            dataSource.setMaximumPoolSize(settings.clients() + 10);
            ProcessEngine engine = configure.apply(dataSource).buildProcessEngine();
            try {
                engine.getRepositoryService().createDeployment().addClasspathResource(bpmn).deploy();
                CostMeter meter = new CostMeter(databases, database, CostMeter::ownTicks, () -> 0);
                InProcessClients.Starter start = starter.apply(engine);
                InProcessClients.Result warmup = clients.run(engine, 0, settings.warmup(), settings.clients(),
                        settings.deadline(), start, decision);
                CostMeter.Snapshot before = meter.take();
                InProcessClients.Result measured = clients.run(engine, 0, settings.n(), settings.clients(),
                        settings.deadline(), start, decision);
                CostMeter.Snapshot after = meter.take();
                int failed = warmup.failed() + measured.failed();
                if (failed > 0 || measured.ended() != settings.n()) {
                    broken.add(label + ": " + measured.ended() + " of " + settings.n() + " lifecycles ended, "
                            + failed + " failed");
                }
                rows.add(row(label + ": start p50 / p99, complete task p50 / p99",
                        measured.start().p50p99() + ", " + measured.complete().p50p99(), ""));
                rates.put(label, measured.lifecyclesPerSecond());
                return CostMeter.cost(before, after, measured.ended());
            } finally {
                engine.close();
            }
        }
    }

    /**
     * Waits until every accepted transfer is completed and its process has ended (the completion mails go out
     * after the status changes); returns that moment.
     */
    private static Instant awaitSettled(Connection app, int accepted, Duration deadline) throws Exception {
        long giveUp = System.nanoTime() + deadline.toNanos();
        // the transfer table first, the engine's only then, so that the harness's polling costs the service little
        while (System.nanoTime() < giveUp
                && (count(app, "select count(*) from transfer where status = 'ACCEPTED'") > 0
                        || count(app, "select count(*) from transfer where status = 'COMPLETED'") < accepted)) {
            Thread.sleep(100);
        }
        while (System.nanoTime() < giveUp && count(app, "select count(*) from act_ru_execution where id_ = proc_inst_id_")
                > count(app, "select count(*) from transfer where status = 'PENDING'")) {
            Thread.sleep(50);
        }
        return Instant.now();
    }

    /** What a run must leave behind, whatever its speed: each completed transfer billed and mailed once. */
    private static List<String> exactlyOnce(Connection app, GreenMail smtp, ServiceDriver driver) throws SQLException {
        int created = count(app, "select count(*) from transfer");
        int completed = count(app, "select count(*) from transfer where status = 'COMPLETED'");
        int invoices = count(app, "select count(*) from invoice where kind = 'INVOICE' and idempotency_key like 'transfer:%'");
        int credits = count(app, "select count(*) from invoice where kind = 'CREDIT_NOTE' and idempotency_key like 'transfer:%'");
        int offers = count(app, "select count(*) from sent_mail where idempotency_key like 'transfer:%:offer:%'");
        int completionMails = count(app, "select count(*) from sent_mail where idempotency_key like 'transfer:%:completed:%'");
        int keyedMails = count(app, "select count(*) from sent_mail where idempotency_key like 'transfer:%'");
        int incidents = count(app, "select count(*) from act_ru_incident");
        int smtpMails = smtp.getReceivedMessages().length;
        int accepted = driver.accepted.get();
        System.out.printf("bench: %d created, %d accepted, %d completed, %d invoices, %d credit notes, %d offers and"
                + " %d completion mails keyed, %d mails at SMTP, %d incidents%n", created, accepted, completed,
                invoices, credits, offers, completionMails, smtpMails, incidents);
        List<String> broken = new ArrayList<>();
        // an accept that answered an error may still have committed, so more may complete than were answered 200
        if (completed < accepted) {
            broken.add("transfers completed: " + completed + ", fewer than the " + accepted + " accepted");
        }
        check(broken, "transfers left ACCEPTED", count(app, "select count(*) from transfer where status = 'ACCEPTED'"), 0);
        check(broken, "recipient invoices", invoices, completed);
        check(broken, "credit notes", credits, completed);
        check(broken, "completion mails (one to each party)", completionMails, 2 * completed);
        // an offer whose step failed waits for its retry (counted as not mailed); none may go out twice
        if (offers > created || offers < created - driver.offersNotMailed.get()) {
            broken.add("offer mails: " + offers + " for " + created + " transfers");
        }
        check(broken, "mails at SMTP against mails keyed", smtpMails, keyedMails);
        check(broken, "incidents", incidents, 0);
        return broken;
    }

    /** Where the run read whole tables: the hint for a missing index, printed beside the table, not in it. */
    private static void printSequentialScans(Connection app) throws SQLException {
        try (Statement statement = app.createStatement(); ResultSet rows = statement.executeQuery("""
                select relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0) from pg_stat_user_tables
                order by seq_tup_read desc limit 8""")) {
            while (rows.next()) {
                System.out.printf("bench: table %-28s %8d sequential scans reading %10d rows, %8d index scans%n",
                        rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4));
            }
        }
    }

    private static void check(List<String> broken, String what, int actual, int expected) {
        if (actual != expected) {
            broken.add(what + ": " + actual + ", expected " + expected);
        }
    }

    private static int count(Connection connection, String sql) throws SQLException {
        HARNESS_TRANSACTIONS.incrementAndGet();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String[] row(String figure, String value, String note) {
        return new String[] {figure, value, note};
    }

    /** The cost of a lifecycle beside each reference: rows first, since they do not depend on the machine's noise. */
    private static String costTable(Map<String, CostMeter.Cost> costs, Map<String, Double> rates,
            Map<String, String> peakRss) {
        if (costs.isEmpty()) {
            return "";
        }
        StringBuilder table = new StringBuilder("\n| Per lifecycle | ").append(String.join(" | ", costs.keySet()))
                .append(" |\n|---|").append("---|".repeat(costs.size())).append("\n");
        costRow(table, "lifecycles measured", costs, c -> Integer.toString(c.lifecycles()));
        costRow(table, "**rows written** (inserted / updated / deleted)", costs,
                c -> "%.1f / %.1f / %.1f = **%.1f**".formatted(c.inserted(), c.updated(), c.deleted(), c.rows()));
        costRow(table, "**transactions**", costs, c -> "**%.1f**".formatted(c.transactions()));
        costRow(table, "JVM CPU", costs, c -> "%.1f ms".formatted(c.jvmMs()));
        costRow(table, "PostgreSQL CPU", costs, c -> "%.1f ms".formatted(c.postgresMs()));
        costRow(table, "JVM + PostgreSQL CPU", costs, c -> "%.1f ms".formatted(c.jvmMs() + c.postgresMs()));
        table.append("| lifecycles/s |");
        costs.keySet().forEach(k -> table.append(" ").append(rates.containsKey(k) ? "%.1f".formatted(rates.get(k))
                : "").append(" |"));
        table.append("\n| peak RSS |");
        costs.keySet().forEach(k -> table.append(" ").append(peakRss.getOrDefault(k, "—")).append(" |"));
        return table.append("\n").toString();
    }

    private static void costRow(StringBuilder table, String figure, Map<String, CostMeter.Cost> costs,
            Function<CostMeter.Cost, String> value) {
        table.append("| ").append(figure).append(" |");
        costs.values().forEach(c -> table.append(" ").append(value.apply(c)).append(" |"));
        table.append("\n");
    }

    /** Each run's ten tables written most, per lifecycle. */
    private static String topTables(Map<String, CostMeter.Cost> costs) {
        StringBuilder tables = new StringBuilder();
        costs.forEach((run, cost) -> {
            tables.append("\n| ").append(run).append(": table | inserted | updated | deleted |\n|---|---|---|---|\n");
            cost.topTables().forEach(t -> tables.append("| `%s` | %.1f | %.1f | %.1f |\n".formatted(t.getKey(),
                    t.getValue()[0], t.getValue()[1], t.getValue()[2])));
        });
        return tables.toString();
    }

    private static String loadAverage() {
        try {
            String[] load = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return load[0] + " " + load[1] + " " + load[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    private static String table(List<String[]> rows) {
        StringBuilder table = new StringBuilder("\n| Figure | Value | |\n|---|---|---|\n");
        rows.forEach(r -> table.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return table.toString();
    }
}
