package net.hosting.accounttransfer.faults;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.hosting.accounttransfer.bench.Seed;
import net.hosting.accounttransfer.bench.ServiceProcess;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * What the two process-level scenarios share: the environment of a production-mode node, the seeded customers,
 * the wait until every transfer has drained, and the exactly-once ledger they must leave.
 */
final class FaultRun {

    static final Path OUT = Path.of("target", "faults");

    private FaultRun() {
    }

    /** Customers calling at once: the benchmark's 16, or 8 at the reduced size. */
    static int clients() {
        return FaultSize.pick(16, 8);
    }

    /** A real SMTP server on a free port for the nodes to mail. */
    static GreenMail smtp() throws java.io.IOException {
        GreenMail smtp = new GreenMail(new ServerSetup(ServiceProcess.freePort(), "127.0.0.1", "smtp"));
        smtp.start();
        return smtp;
    }

    /** A node of the service in production mode on this database and SMTP server. */
    static Map<String, String> node(String databaseUrl, String username, String password, GreenMail smtp) {
        return Map.ofEntries(Map.entry("SPRING_DATASOURCE_URL", databaseUrl),
                Map.entry("SPRING_DATASOURCE_USERNAME", username),
                Map.entry("SPRING_DATASOURCE_PASSWORD", password),
                Map.entry("SPRING_MAIL_HOST", "127.0.0.1"),
                Map.entry("SPRING_MAIL_PORT", Integer.toString(smtp.getSmtp().getPort())),
                Map.entry("CAMUNDA_ADMIN_USER", "faultstaff"),
                Map.entry("CAMUNDA_ADMIN_PASSWORD", "fault-staff-" + ProcessHandle.current().pid()),
                Map.entry("BILLING_SELLER_NAME", "Fault Hosting SAS"),
                Map.entry("BILLING_SELLER_ADDRESS", "1 rue de la Faute\n75002 Paris"),
                Map.entry("BILLING_SELLER_SIREN", "123456782"),
                Map.entry("BILLING_SELLER_VATNUMBER", "FR11123456782"));
    }

    /** N senders with a paid account and N recipients, each with an API token; returns the tokens by email. */
    static Map<String, String> seed(Connection app, int n) throws SQLException {
        Seed.insert(app, n, new BCryptPasswordEncoder().encode(Seed.PASSWORD));
        return Seed.tokens(app);
    }

    static Path log(String name) throws java.io.IOException {
        Files.createDirectories(OUT);
        return OUT.resolve(name);
    }

    /**
     * Waits until all n transfers are COMPLETED and no process instance runs any more (the completion mails go out
     * after the status changes); returns whether they drained before the deadline.
     */
    static boolean awaitDrained(Connection app, int n, Duration deadline) throws Exception {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < giveUp) {
            try {
                if (count(app, "select count(*) from transfer where status = 'COMPLETED'") >= n
                        && count(app, "select count(*) from act_ru_execution") == 0) {
                    return true;
                }
            } catch (SQLException databaseAway) {
                // the restart scenario polls through the outage too
            }
            Thread.sleep(250);
        }
        return false;
    }

    /** What n IMMEDIATE lifecycles must leave, whatever failed on the way. */
    record Ledger(int transfers, int completed, int documents, int numberingGaps, int smtpMessages,
            int smtpKeys, int keysUnderTwoMessageIds, List<String> recordedButNeverSent,
            List<String> sentButNotRecorded, int incidents, int jobFailures) {

        static final int MAILS_PER_TRANSFER = 3;
        static final int DOCUMENTS_PER_TRANSFER = 2;

        static Ledger read(Connection app, GreenMail smtp) throws SQLException, MessagingException {
            Map<String, Set<String>> messageIdsByKey = new HashMap<>();
            MimeMessage[] received = smtp.getReceivedMessages();
            for (MimeMessage message : received) {
                String key = message.getHeader("X-Mail-Key", null);
                messageIdsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(message.getMessageID());
            }
            Set<String> recorded = new HashSet<>(strings(app,
                    "select idempotency_key from sent_mail where idempotency_key like 'transfer:%'"));
            return new Ledger(
                    count(app, "select count(*) from transfer"),
                    count(app, "select count(*) from transfer where status = 'COMPLETED'"),
                    count(app, "select count(*) from invoice where idempotency_key like 'transfer:%'"),
                    count(app, "select coalesce(sum(max_sequence - documents), 0) from (select year, max(sequence)"
                            + " as max_sequence, count(*) as documents from invoice group by year) y"),
                    received.length,
                    messageIdsByKey.size(),
                    (int) messageIdsByKey.values().stream().filter(ids -> ids.size() > 1).count(),
                    recorded.stream().filter(key -> !messageIdsByKey.containsKey(key)).sorted().toList(),
                    messageIdsByKey.keySet().stream().filter(key -> !recorded.contains(key)).sorted().toList(),
                    count(app, "select count(*) from act_ru_incident"),
                    count(app, "select count(*) from act_hi_job_log where job_exception_msg_ is not null"));
        }

        /** Every broken promise, in words; empty when exactly-once held for n transfers. */
        List<String> broken(int n) {
            List<String> broken = new ArrayList<>();
            check(broken, "transfers", transfers, n);
            check(broken, "transfers COMPLETED", completed, n);
            check(broken, "documents (an invoice and a credit note per transfer)", documents,
                    DOCUMENTS_PER_TRANSFER * n);
            check(broken, "gaps in the document numbers", numberingGaps, 0);
            check(broken, "mails that reached SMTP (offer, completed to both)", smtpKeys, MAILS_PER_TRANSFER * n);
            check(broken, "mails recorded as sent that never reached SMTP", recordedButNeverSent.size(), 0);
            check(broken, "mails delivered under two different Message-IDs", keysUnderTwoMessageIds, 0);
            check(broken, "incidents", incidents, 0);
            return broken;
        }

        /** The same mail handed to SMTP again (its commit was lost), which mail clients show once. */
        int redelivered() {
            return smtpMessages - smtpKeys;
        }

        /**
         * The mails found: SMTP is not transactional, so a mail handed over in the instant before its step's commit
         * was lost is sent again under the same Message-ID, or, when the step no longer runs (an offer mail whose
         * offer the recipient has accepted since), stays delivered while its key in sent_mail was rolled back.
         */
        String figures(int n) {
            return ("mails %d expected / %d found (%d handed over again under the same Message-ID, %d delivered whose"
                    + " key was rolled back with its step%s), documents %d expected / %d found, %d incidents")
                    .formatted(MAILS_PER_TRANSFER * n, smtpKeys, redelivered(), sentButNotRecorded.size(),
                            sentButNotRecorded.isEmpty() ? "" : ": " + String.join(", ", sentButNotRecorded),
                            DOCUMENTS_PER_TRANSFER * n, documents, incidents);
        }

        private static void check(List<String> broken, String what, int actual, int expected) {
            if (actual != expected) {
                broken.add(what + ": " + actual + ", expected " + expected);
            }
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            while (result.next()) {
                values.add(result.getString(1));
            }
        }
        return values;
    }

    static int count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getInt(1);
        }
    }
}
