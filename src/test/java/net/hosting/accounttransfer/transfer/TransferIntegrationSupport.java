package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCalendar;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.FixedDateIntegrationTest;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.Mailbox;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What the transfer integration tests share: the API as one party, the accounts a party owns, and a probe of the
 * process. They run on the clock of {@link FixedDateIntegrationTest}, so that the dates and amounts they assert are
 * worked out by hand for {@link #TODAY}; only autowired fields are added, so every class still shares its context.
 */
abstract class TransferIntegrationSupport extends FixedDateIntegrationTest {

    /** An accept link as T13 has it: the transfer id and 32 random bytes in base64url (43 characters). */
    static final Pattern ACCEPT_LINK = Pattern.compile(
            "^/transfers/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\\?token=([A-Za-z0-9_-]{43})$");

    @Autowired
    protected BillingCalendar calendar;

    @Autowired
    private ProcessEngine engine;

    protected ProcessProbe process;

    @BeforeEach
    void probeTheProcess() {
        process = new ProcessProbe(engine);
    }

    Api as(Profile profile) {
        return api.as(profile.email(), Fixtures.PASSWORD);
    }

    static Map<String, String> startBody(Account account, String recipientEmail, String billingMode) {
        return Map.of("account", account.name(), "recipientEmail", recipientEmail, "billingMode", billingMode);
    }

    /** Starts a transfer through the API and returns its view, insisting on 201 and a Location to it. */
    JsonNode start(Profile sender, Account account, String recipientEmail, String billingMode) {
        return TransfersByApi.created(as(sender).post("/api/transfers", startBody(account, recipientEmail, billingMode)));
    }

    /** Starts a transfer through the API and waits until its offer waits for the recipient; returns its id. */
    String pendingOffer(Profile sender, Account account, Profile recipient, String billingMode) {
        String id = start(sender, account, recipient.email(), billingMode).get("id").asText();
        process.awaitUserTask(id);
        return id;
    }

    /**
     * Starts an IMMEDIATE transfer with its offer job held (its job definition suspended) and hands its id to
     * {@code beforeTheOffer}, which so acts for certain before the offer is mailed; then releases the job, and
     * returns the id.
     */
    String beforeTheOfferIsMailed(Profile sender, Account account, Profile recipient, Consumer<String> beforeTheOffer) {
        process.hold(ProcessProbe.NOTIFY_RECIPIENT);
        try {
            String id = start(sender, account, recipient.email(), "IMMEDIATE").get("id").asText();
            // the user task stands beside the held offer job from the start
            Job offer = process.job(id, ProcessProbe.NOTIFY_RECIPIENT);
            assertThat(offer).as("the held offer job of %s", id).isNotNull();
            assertThat(offer.isSuspended()).isTrue();
            assertThat(process.waitsAtUserTask(id)).isTrue();
            assertThat(process.entered(id, ProcessProbe.NOTIFY_RECIPIENT)).isFalse();
            beforeTheOffer.accept(id);
            return id;
        } finally {
            process.release(ProcessProbe.NOTIFY_RECIPIENT);
        }
    }

    /** {@code GET /api/transfers/{id}} as one party, insisting on 200. */
    JsonNode transfer(Profile party, String id) {
        return TransfersByApi.get(as(party), UUID.fromString(id));
    }

    /** Waits until the party sees the transfer in {@code status}, and returns that view. */
    JsonNode awaitStatus(Profile party, String id, String status) {
        process.awaitOrExplain(id, "transfer " + id + " to be " + status,
                () -> status.equals(transfer(party, id).get("status").asText()));
        return transfer(party, id);
    }

    /** The account as {@code GET /api/accounts} shows it to {@code profile}, if the profile owns it. */
    Optional<JsonNode> owned(Profile profile, Account account) {
        Api.Reply reply = as(profile).get("/api/accounts");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false)
                .filter(view -> account.name().equals(view.get("name").asText())).findFirst();
    }

    /** Asserts that exactly {@code owner} of the two parties holds the account, and returns its view. */
    JsonNode assertOwnedBy(Profile owner, Profile other, Account account) {
        assertThat(owned(other, account)).as("%s in the accounts of %s", account.name(), other.email()).isEmpty();
        JsonNode view = owned(owner, account).orElseThrow(
                () -> new AssertionError(account.name() + " is not in the accounts of " + owner.email()));
        assertThat(view.get("owner").asText()).isEqualTo(owner.email());
        return view;
    }

    /** Asserts an RFC 9457 answer: the status, the problem+json type and a detail a person can act on. */
    static JsonNode assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).as("Content-Type of %s", reply.body()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as("detail of %s", reply.body()).isNotBlank();
        return problem;
    }

    /** The transfer id and token of an offer or reminder mail's link, checked against the form of T13. */
    static String[] acceptLinkOf(Mailbox.Mail mail) {
        assertThat(mail.link()).startsWith(PUBLIC_URL + "/transfers/");
        Matcher matcher = ACCEPT_LINK.matcher(mail.linkPath());
        assertThat(matcher.matches()).as("accept link %s", mail.linkPath()).isTrue();
        return new String[] {matcher.group(1), matcher.group(2)};
    }

    /** The mailed link opens the accept page of that very transfer, for a visitor not signed in yet. */
    void assertLinkOpensTheOffer(Mailbox.Mail mail, String transferId, String accountName) {
        Api.Reply page = api.get(mail.linkPath());
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains(transferId, accountName);
    }

    /**
     * Asserts the mail names the transfer by its id and that every link in it, if any, points at that transfer
     * on the public address (only offer and reminder mails carry a token), or at the PDF of a document it
     * announces (D5).
     */
    static void assertRefersTo(Mailbox.Mail mail, String transferId) {
        assertThat(mail.text()).as("text of '%s'", mail.subject()).contains(transferId);
        assertThat(mail.html()).as("HTML of '%s'", mail.subject()).contains(transferId);
        Matcher links = Pattern.compile("https?://[^\\s\"<>]+").matcher(mail.text());
        while (links.find()) {
            assertThat(links.group()).satisfiesAnyOf(
                    link -> assertThat(link).isEqualTo(PUBLIC_URL + "/transfers/" + transferId),
                    link -> assertThat(link).matches(Pattern.quote(PUBLIC_URL) + "/history/invoices/\\d{4}-\\d{6}/pdf"));
        }
    }

}
