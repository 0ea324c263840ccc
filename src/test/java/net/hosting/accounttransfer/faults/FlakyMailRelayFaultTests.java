package net.hosting.accounttransfer.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import net.hosting.accounttransfer.support.Nodes;
import net.hosting.accounttransfer.support.Records;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 1 of the fault suite: IMMEDIATE transfers accepted, declined and cancelled while the mail relay refuses
 * 30% of the deliveries (a 4xx or a dropped connection); every transfer still ends, every mail arrives once and every
 * document is issued once, and the incidents of steps whose retries ran out are seen and retried by staff.
 */
class FlakyMailRelayFaultTests {

    private static final int TRANSFERS = FaultSize.pick(1_000, 60);
    private static final double REFUSED = 0.30;
    private static final int CLIENTS = 8;
    private static final int PROFILES = 10;

    private static final FlakySmtpRelay RELAY = FlakySmtpRelay.start(IntegrationTest.SMTP_PORT, REFUSED, 20261130L);

    @RegisterExtension
    static final Nodes CLUSTER = Nodes.onFreshDatabase(1, RELAY::port,
            // a short retry cycle, so that some steps run out of retries within the run and staff retry them
            "transfer.retry-cycle=R3/PT1S",
            // a few customers make all the offers; S4 has its own tests
            "transfer.max-offers-per-day=1000000");

    @AfterAll
    static void stopRelay() throws Exception {
        RELAY.close();
    }

    /** What the recipient or sender does with an offer: 70% accept, 20% decline, 10% cancel. */
    private enum Outcome {
        ACCEPT("COMPLETED"), DECLINE("DECLINED"), CANCEL("CANCELLED");

        final String status;

        Outcome(String status) {
            this.status = status;
        }

        static Outcome of(int transfer) {
            int tenth = transfer % 10;
            return tenth < 2 ? DECLINE : tenth == 2 ? CANCEL : ACCEPT;
        }
    }

    private record Party(Profile profile, Api api) {
    }

    @Test
    void everyTransferEndsAndEveryMailAndDocumentExistsOnceWhileTheRelayRefusesThirtyPercent() throws Exception {
        IntegrationTest.SMTP.purgeEmailFromAllMailboxes();
        ConfigurableApplicationContext node = CLUSTER.node(0);
        Fixtures fixtures = Nodes.fixtures(node);
        Api api = Nodes.api(node);
        List<Party> senders = new ArrayList<>();
        List<Party> recipients = new ArrayList<>();
        for (int i = 0; i < PROFILES; i++) {
            Profile sender = fixtures.customer("Sender", Profile.Language.EN);
            Profile recipient = fixtures.customer("Recipient", i % 2 == 0 ? Profile.Language.FR : Profile.Language.EN);
            senders.add(new Party(sender, api.as(sender.email(), Fixtures.PASSWORD)));
            recipients.add(new Party(recipient, api.as(recipient.email(), Fixtures.PASSWORD)));
        }
        JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
        FaultChecks.Staff staff = new FaultChecks.Staff(node.getBean(ManagementService.class),
                node.getBean(RuntimeService.class)).start();

        long start = System.nanoTime();
        List<UUID> ids = Offers.make(TRANSFERS, CLIENTS, senders, recipients,
                (sender, i) -> fixtures.paidAccount(sender.profile(), "9.99", BillingCycle.MONTHLY, 1 + i % 25).name(),
                offer -> {
                    Party sender = offer.sender();
                    Party recipient = offer.recipient();
                    Outcome outcome = Outcome.of(offer.i());
                    UUID id = TransfersByApi.start(sender.api(), offer.account(), recipient.profile().email(),
                            "IMMEDIATE");
                    // the recipient acts on the mailed offer, as a person would (staff retry it should it be stuck)
                    FaultChecks.awaitOfferMailed(jdbc, id, Duration.ofMinutes(5));
                    Api.Reply decided = switch (outcome) {
                        case ACCEPT -> recipient.api().post("/api/transfers/" + id + "/accept", null);
                        case DECLINE -> recipient.api().post("/api/transfers/" + id + "/decline",
                                Map.of("reason", "no thanks"));
                        case CANCEL -> sender.api().post("/api/transfers/" + id + "/cancel", null);
                    };
                    assertThat(decided.status()).as(outcome + " " + id + ": " + decided.body()).isEqualTo(200);
                    return id;
                });
        FaultChecks.awaitDrained(jdbc, staff, Duration.ofMinutes(20));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        staff.close();

        List<String> mails = new ArrayList<>();
        List<String> documents = new ArrayList<>();
        Map<String, Long> expectedStatuses = new java.util.TreeMap<>();
        for (int i = 0; i < TRANSFERS; i++) {
            String prefix = "transfer:" + ids.get(i) + ":";
            Outcome outcome = Outcome.of(i);
            expectedStatuses.merge(outcome.status, 1L, Long::sum);
            mails.add(prefix + "offer:recipient");
            switch (outcome) {
                case ACCEPT -> {
                    mails.add(prefix + "completed:sender");
                    mails.add(prefix + "completed:recipient");
                    documents.add(prefix + "recipient-invoice");
                    documents.add(prefix + "sender-refund");
                }
                case DECLINE -> mails.add(prefix + "declined:sender");
                case CANCEL -> mails.add(prefix + "cancelled:recipient");
            }
        }
        assertThat(FaultChecks.count(jdbc.queryForList("select status from transfer", String.class), status -> status))
                .as("terminal statuses").isEqualTo(expectedStatuses);
        int mailsFound = FaultChecks.assertMailedExactlyOnce(jdbc, new Mailbox(), mails);
        int documentsFound = FaultChecks.assertDocumentsExactlyOnce(jdbc, documents);
        Records.assertDocumentNumbersWithoutGap(jdbc);
        assertThat(FaultChecks.running(jdbc)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from act_ru_incident", Integer.class))
                .as("incidents left after staff retried them").isZero();
        // only mail steps meet the relay's faults; an incident of any other step would be a defect
        assertThat(staff.steps()).as("steps that raised incidents").allMatch(step -> step.startsWith("Task_Notify"));
        assertThat(RELAY.faultsInjected()).as("faults injected").isGreaterThan(0);

        FaultChecks.printSummary("flaky mail relay", TRANSFERS,
                RELAY.faultsInjected() + " (" + RELAY.faultCounts() + ")", FaultChecks.retries(jdbc), drain,
                mails.size(), mailsFound, documents.size(), documentsFound,
                "statuses=" + expectedStatuses + " incidents retried by staff=" + staff.incidents());
    }
}
