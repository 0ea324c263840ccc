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
import net.hosting.accounttransfer.support.Nodes;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Scenario 1 of the fault suite: IMMEDIATE transfers accepted, declined and cancelled while the mail relay refuses
 * 30% of the deliveries (a 4xx or a dropped connection); every transfer still ends, every mail arrives once and every
 * document is issued once, and the incidents of steps whose retries ran out are seen and retried by staff.
 */
@ResourceLock(FaultRun.TEST_SMTP)
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
        FaultRun.Staff staff = new FaultRun.Staff(node.getBean(ManagementService.class),
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
                    FaultRun.awaitOfferMailed(jdbc, id, Duration.ofMinutes(5));
                    Api.Reply decided = switch (outcome) {
                        case ACCEPT -> recipient.api().post("/api/transfers/" + id + "/accept", null);
                        case DECLINE -> recipient.api().post("/api/transfers/" + id + "/decline",
                                Map.of("reason", "no thanks"));
                        case CANCEL -> sender.api().post("/api/transfers/" + id + "/cancel", null);
                    };
                    assertThat(decided.status()).as(outcome + " " + id + ": " + decided.body()).isEqualTo(200);
                    return id;
                });
        FaultRun.awaitDrained(jdbc, staff, Duration.ofMinutes(20));
        Duration drain = Duration.ofNanos(System.nanoTime() - start);
        staff.close();

        ExactlyOnce.Expected expected = new ExactlyOnce.Expected();
        for (int i = 0; i < TRANSFERS; i++) {
            switch (Outcome.of(i)) {
                case ACCEPT -> expected.completedNow(ids.get(i));
                case DECLINE -> expected.declined(ids.get(i));
                case CANCEL -> expected.cancelled(ids.get(i));
            }
        }
        // the relay refuses or drops a session before the message's final dot, never after: no commit is lost
        ExactlyOnce.Result result = ExactlyOnce.check(jdbc, IntegrationTest.SMTP, expected, ExactlyOnce.Commits.KEPT);
        FaultRun.report("flaky mail relay", String.format("%d transfers %s, %d SMTP sessions refused or dropped (%s),"
                + " %d incidents retried by staff, drained in %.1f s", TRANSFERS, expected.statusCounts(),
                RELAY.faultsInjected(), RELAY.faultCounts(), staff.incidents(), drain.toMillis() / 1000.0), result);
        assertThat(result.broken()).as("exactly-once").isEmpty();
        // only mail steps meet the relay's faults; an incident of any other step would be a defect
        assertThat(staff.steps()).as("steps that raised incidents").allMatch(step -> step.startsWith("Task_Notify"));
        assertThat(RELAY.faultsInjected()).as("faults injected").isGreaterThan(0);
    }
}
