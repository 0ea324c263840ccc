package net.hosting.accounttransfer.faults;

import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import net.hosting.accounttransfer.support.Records;
import net.hosting.accounttransfer.transfer.TransferKeys;
import net.hosting.accounttransfer.transfer.Party;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one exactly-once check of the fault suite: what every scenario's transfers must have left in the database
 * and at the SMTP server, whatever failed on the way, read through the keys the steps themselves use.
 */
final class ExactlyOnce {

    private ExactlyOnce() {
    }

    /** What each transfer of a run must end as: its status, its mails (by key) and its documents (by key). */
    static final class Expected {

        private final Map<UUID, String> statuses = new LinkedHashMap<>();
        private final Set<String> mails = new TreeSet<>();
        private final List<String> documents = new ArrayList<>();

        /** IMMEDIATE, accepted: the offer, "completed" to both, the recipient's invoice and the sender's refund. */
        Expected completedNow(UUID id) {
            statuses.put(id, "COMPLETED");
            mails.add(TransferKeys.mail(id, "offer", Party.RECIPIENT));
            mails.add(TransferKeys.mail(id, "completed", Party.SENDER));
            mails.add(TransferKeys.mail(id, "completed", Party.RECIPIENT));
            documents.add(TransferKeys.recipientInvoice(id));
            documents.add(TransferKeys.senderRefund(id));
            return this;
        }

        /** Declined by the recipient: the offer, and the sender hears of it. */
        Expected declined(UUID id) {
            statuses.put(id, "DECLINED");
            mails.add(TransferKeys.mail(id, "offer", Party.RECIPIENT));
            mails.add(TransferKeys.mail(id, "declined", Party.SENDER));
            return this;
        }

        /** Cancelled by the sender after the offer went out: the recipient hears of it. */
        Expected cancelled(UUID id) {
            statuses.put(id, "CANCELLED");
            mails.add(TransferKeys.mail(id, "offer", Party.RECIPIENT));
            mails.add(TransferKeys.mail(id, "cancelled", Party.RECIPIENT));
            return this;
        }

        /**
         * AT_RENEWAL, accepted and billed at the renewal date: "accepted at renewal" to both, "billed" to the
         * recipient and the renewal invoice; the offer only when it went out before the acceptance.
         */
        Expected completedAtRenewal(UUID id, boolean offerMailed) {
            statuses.put(id, "COMPLETED");
            if (offerMailed) {
                mails.add(TransferKeys.mail(id, "offer", Party.RECIPIENT));
            }
            mails.add(TransferKeys.mail(id, "accepted-at-renewal", Party.SENDER));
            mails.add(TransferKeys.mail(id, "accepted-at-renewal", Party.RECIPIENT));
            mails.add(TransferKeys.mail(id, "billed-at-renewal", Party.RECIPIENT));
            documents.add(TransferKeys.renewalInvoice(id));
            return this;
        }

        int transfers() {
            return statuses.size();
        }

        Map<String, Long> statusCounts() {
            return statuses.values().stream()
                    .collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
        }
    }

    /**
     * Whether a commit can be lost after SMTP took a mail (a node killed, the database gone): the step then runs
     * again and hands the same mail over again under the same Message-ID, which mail clients show once; or, when
     * the step no longer runs (an offer accepted since), the mail stays delivered while its key was rolled back.
     */
    enum Commits {
        KEPT, MAY_BE_LOST
    }

    /** What a run left, and every promise it broke, in words. */
    record Result(List<String> broken, int mailsExpected, int mailsFound, int handedOverAgain,
            List<String> deliveredButRolledBack, int documentsExpected, int documentsFound, int failedAttempts) {

        /** The figures of the summary line. */
        String figures() {
            return ("mails expected/found=%d/%d (%d handed over again under the same Message-ID, %d delivered whose"
                    + " key was rolled back with its step%s) documents expected/found=%d/%d failed step attempts=%d"
                    + " promises broken=%d").formatted(mailsExpected, mailsFound, handedOverAgain,
                            deliveredButRolledBack.size(),
                            deliveredButRolledBack.isEmpty() ? "" : ": " + String.join(", ", deliveredButRolledBack),
                            documentsExpected, documentsFound, failedAttempts, broken.size());
        }
    }

    /** A mail at the SMTP server: its key (the X-Mail-Key header) and its Message-ID. */
    private record Delivery(String key, String messageId) {
    }

    /**
     * Every transfer in its expected status and none other; each process ended and no incident open; each document
     * once under its key, numbered without a gap; each expected mail at SMTP under one Message-ID of its own,
     * nothing else there, and nothing recorded in sent_mail that never reached SMTP.
     */
    static Result check(JdbcTemplate jdbc, GreenMail smtp, Expected expected, Commits commits) {
        List<String> broken = new ArrayList<>();

        Map<UUID, String> statuses = new HashMap<>();
        jdbc.query("select id, status from transfer", row -> {
            statuses.put(row.getObject("id", UUID.class), row.getString("status"));
        });
        expect(broken, "transfers", statuses.size(), expected.transfers());
        expected.statuses.forEach((id, status) -> {
            if (!status.equals(statuses.get(id))) {
                broken.add("transfer " + id + " is " + statuses.get(id) + ", expected " + status);
            }
        });
        expect(broken, "AccountTransfer instances still running", FaultRun.running(jdbc), 0);
        expect(broken, "incidents open", jdbc.queryForObject("select count(*) from act_ru_incident", Integer.class), 0);

        List<String> documents = jdbc.queryForList("select idempotency_key from invoice where idempotency_key like ?",
                String.class, TransferKeys.PREFIX + "%");
        if (!new TreeMap<>(counts(documents)).equals(new TreeMap<>(counts(expected.documents)))) {
            broken.add("documents of transfers: " + difference(counts(documents), counts(expected.documents)));
        }
        try {
            Records.assertDocumentNumbersWithoutGap(jdbc);
        } catch (AssertionError gap) {
            broken.add("document numbers: " + gap.getMessage());
        }

        List<Delivery> deliveries = deliveries(smtp);
        Map<String, List<Delivery>> byKey = deliveries.stream()
                .collect(Collectors.groupingBy(Delivery::key, TreeMap::new, Collectors.toList()));
        if (!byKey.keySet().equals(expected.mails)) {
            broken.add("mails at SMTP, by key: " + difference(counts(new ArrayList<>(byKey.keySet())),
                    counts(new ArrayList<>(expected.mails))));
        }
        byKey.forEach((key, copies) -> {
            Set<String> messageIds = copies.stream().map(Delivery::messageId).collect(Collectors.toSet());
            if (messageIds.size() > 1) {
                broken.add(key + " delivered under " + messageIds.size() + " Message-IDs");
            } else if (copies.size() > 1 && commits == Commits.KEPT) {
                broken.add(key + " handed to SMTP " + copies.size() + " times though no commit was lost");
            }
        });
        deliveries.stream().collect(Collectors.groupingBy(Delivery::messageId,
                Collectors.mapping(Delivery::key, Collectors.toSet()))).forEach((messageId, keys) -> {
                    if (keys.size() > 1) {
                        broken.add("Message-ID " + messageId + " shared by " + keys);
                    }
                });
        Set<String> recorded = new TreeSet<>(jdbc.queryForList(
                "select idempotency_key from sent_mail where idempotency_key like ?", String.class,
                TransferKeys.PREFIX + "%"));
        List<String> recordedNeverSent = recorded.stream().filter(key -> !byKey.containsKey(key)).toList();
        if (!recordedNeverSent.isEmpty()) {
            broken.add("mails recorded as sent that never reached SMTP: " + recordedNeverSent);
        }
        List<String> deliveredButRolledBack = byKey.keySet().stream().filter(key -> !recorded.contains(key)).toList();
        if (!deliveredButRolledBack.isEmpty() && commits == Commits.KEPT) {
            broken.add("mails delivered but not recorded in sent_mail, though no commit was lost: "
                    + deliveredButRolledBack);
        }

        return new Result(broken, expected.mails.size(), byKey.size(), deliveries.size() - byKey.size(),
                deliveredButRolledBack, expected.documents.size(), documents.size(),
                jdbc.queryForObject("select count(*) from act_hi_job_log where job_state_ = 1", Integer.class));
    }

    private static List<Delivery> deliveries(GreenMail smtp) {
        List<Delivery> deliveries = new ArrayList<>();
        for (MimeMessage message : smtp.getReceivedMessages()) {
            try {
                deliveries.add(new Delivery(String.valueOf(message.getHeader("X-Mail-Key", null)),
                        message.getMessageID()));
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return deliveries;
    }

    private static Map<String, Long> counts(List<String> keys) {
        return keys.stream().collect(Collectors.groupingBy(key -> key, Collectors.counting()));
    }

    /** What is there that should not be, and what is missing, each with how many times. */
    private static String difference(Map<String, Long> found, Map<String, Long> expected) {
        Map<String, Long> extra = new TreeMap<>();
        Map<String, Long> missing = new TreeMap<>();
        found.forEach((key, count) -> {
            long more = count - expected.getOrDefault(key, 0L);
            if (more > 0) {
                extra.put(key, more);
            }
        });
        expected.forEach((key, count) -> {
            long fewer = count - found.getOrDefault(key, 0L);
            if (fewer > 0) {
                missing.put(key, fewer);
            }
        });
        return "unexpected " + first(extra) + ", missing " + first(missing);
    }

    private static String first(Map<String, Long> keys) {
        return keys.size() <= 10 ? keys.toString()
                : keys.entrySet().stream().limit(10).map(Object::toString)
                        .collect(Collectors.joining(", ", "{", ", …}"))
                        + " (" + keys.size() + " in all)";
    }

    private static void expect(List<String> broken, String what, int actual, int expected) {
        if (actual != expected) {
            broken.add(what + ": " + actual + ", expected " + expected);
        }
    }
}
