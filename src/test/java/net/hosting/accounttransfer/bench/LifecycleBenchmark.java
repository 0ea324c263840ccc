package net.hosting.accounttransfer.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * The benchmark of README "Performance": N full IMMEDIATE lifecycles through the production jar's API, checked
 * for exactly-once, beside a bare engine running a process of the same shape; prints one table. Run by
 * {@code ./mvnw -Pbench verify} only (failsafe, after the jar is built); it fails on a broken guarantee, never
 * on a figure.
 */
class LifecycleBenchmark {

    private static final Path OUT = Path.of("target", "bench");

    @Test
    void runsTheLifecyclesAndPrintsTheFigures() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Files.createDirectories(OUT);
        Path jar = ServiceProcess.builtJar();
        String stamp = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC).format(Instant.now());
        List<String[]> rows = new ArrayList<>();
        List<String> broken = new ArrayList<>();
        try (BenchDatabases databases = BenchDatabases.start()) {
            String appDatabase = "bench_" + stamp + "_app";
            String appUrl = databases.create(appDatabase);
            GreenMail smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", "smtp"));
            smtp.start();
            ServiceDriver driver;
            double serviceRate;
            try (ServiceProcess service = ServiceProcess.start(jar, Map.ofEntries(
                    Map.entry("SPRING_DATASOURCE_URL", appUrl),
                    Map.entry("SPRING_DATASOURCE_USERNAME", databases.username()),
                    Map.entry("SPRING_DATASOURCE_PASSWORD", databases.password()),
                    Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                    Map.entry("SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort())),
                    Map.entry("CAMUNDA_ADMIN_USER", "benchstaff"),
                    Map.entry("CAMUNDA_ADMIN_PASSWORD", "bench" + stamp),
                    Map.entry("BILLING_SELLER_NAME", "Bench Hosting SAS"),
                    Map.entry("BILLING_SELLER_ADDRESS", "1 rue du Banc\n75002 Paris"),
                    Map.entry("BILLING_SELLER_SIREN", "123456782"),
                    Map.entry("BILLING_SELLER_VATNUMBER", "FR11123456782")), settings.jvmArgs(), OUT.resolve("app.log"))) {
                Credentials credentials;
                try (Connection app = databases.connect(appDatabase)) {
                    Seed.insert(app, settings.n(), new BCryptPasswordEncoder().encode(Seed.PASSWORD));
                    Map<String, String> tokens = Seed.tokens(app);
                    credentials = "basic".equals(settings.auth()) ? Credentials.basic(Seed.PASSWORD)
                            : Credentials.bearer(tokens);
                }
                driver = new ServiceDriver(service.port(), credentials, smtp);
                Instant began = Instant.now();
                if (settings.open()) {
                    driver.open(settings.n(), settings.rate(), settings.deadline());
                } else {
                    driver.closed(settings.n(), settings.clients(), settings.deadline());
                }
                try (Connection app = databases.connect(appDatabase)) {
                    Instant lastCompleted = awaitSettled(app, driver.accepted.get(), settings.deadline());
                    int completed = count(app, "select count(*) from transfer where status = 'COMPLETED'");
                    serviceRate = completed / (Duration.between(began, lastCompleted).toNanos() / 1e9);
                    broken.addAll(exactlyOnce(app, smtp, driver));
                    printSequentialScans(app);
                }
                rows.add(row("run", "%s UTC, %s, %s mode, N = %d, C = %s, %s auth, %d cores".formatted(stamp,
                        databases.describe(), settings.mode(), settings.n(),
                        settings.open() ? settings.rate() + "/s offered for " + settings.duration().toSeconds() + " s"
                                : settings.clients(), settings.auth(), Runtime.getRuntime().availableProcessors()), ""));
                rows.add(row("service ready (health UP) after", "%.1f s".formatted(service.readyAfter().toMillis() / 1e3), ""));
                rows.add(row("peak RSS of the service (VmHWM), -Xmx256m" + (settings.jvmArgs().isEmpty() ? ""
                        : " " + settings.jvmArgs()), "%.0f MiB".formatted(service.peakRssMib()), ""));
                rows.add(row("'Connection is not available' in the log",
                        Long.toString(service.logLinesContaining("Connection is not available")), ""));
                rows.add(row("OutOfMemoryError in the log", Long.toString(service.logLinesContaining("OutOfMemoryError")), ""));
            } finally {
                smtp.stop();
            }
            rows.add(row("failed requests", driver.failedRequests + " (offers not mailed within 2 minutes: "
                    + driver.offersNotMailed + ")", ""));
            rows.add(row("create p50 / p99", driver.create.p50p99(), ""));
            rows.add(row("accept p50 / p99", driver.accept.p50p99(), ""));
            if (settings.bare() && !settings.open()) {
                String bareUrl = databases.create("bench_" + stamp + "_bare");
                BareEngine.Result bare = BareEngine.run(bareUrl, databases.username(), databases.password(),
                        settings.n(), settings.clients(), settings.deadline());
                rows.add(row("bare engine: start p50 / p99, complete task p50 / p99",
                        bare.start().p50p99() + ", " + bare.complete().p50p99(), ""));
                rows.add(0, row("lifecycles/s: service, bare engine, ratio", "%.1f, %.1f".formatted(serviceRate,
                        bare.lifecyclesPerSecond()), "**%.2f×**".formatted(serviceRate / bare.lifecyclesPerSecond())));
            } else {
                rows.add(0, row("lifecycles/s of the service", "%.1f".formatted(serviceRate), ""));
            }
        }
        rows.add(row("exactly-once", broken.isEmpty() ? "held" : String.join("; ", broken), ""));
        String table = table(rows);
        System.out.println(table);
        Files.writeString(OUT.resolve("result-" + settings.mode() + "-" + stamp + ".md"), table);
        if (!broken.isEmpty()) {
            throw new AssertionError("exactly-once broken: " + broken);
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
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }

    private static String[] row(String figure, String value, String note) {
        return new String[] {figure, value, note};
    }

    private static String table(List<String[]> rows) {
        StringBuilder table = new StringBuilder("\n| Figure | Value | |\n|---|---|---|\n");
        rows.forEach(r -> table.append("| ").append(String.join(" | ", r)).append(" |\n"));
        return table.toString();
    }
}
