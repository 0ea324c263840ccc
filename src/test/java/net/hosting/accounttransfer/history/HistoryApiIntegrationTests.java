package net.hosting.accounttransfer.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@code /api/tickets} and {@code /api/activity}: a profile's own history, and only its own. */
class HistoryApiIntegrationTests extends IntegrationTest {

    private Profile owner;
    private Account account;
    private Api asOwner;

    @Autowired
    JdbcTemplate jdbc;

    @BeforeEach
    void anOwnerWithAnAccount() {
        owner = fixtures.customer("Olga", Profile.Language.EN);
        account = fixtures.paidAccount(owner, "9.99", BillingCycle.MONTHLY, 5);
        asOwner = api.as(owner.email(), Fixtures.PASSWORD);
    }

    @Test
    void opensATicketAboutAnOwnAccountAnswering201WithALocationThatShowsIt() {
        Api.Reply opened = asOwner.post("/api/tickets",
                Map.of("subject", "  Mail bounces ", "message", "Since this morning.", "account", account.name()));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().get("subject").asText()).isEqualTo("Mail bounces");
        assertThat(opened.json().get("account").asText()).isEqualTo(account.name());
        assertThat(opened.json().get("status").asText()).isEqualTo("OPEN");
        String location = opened.header("Location");
        assertThat(location).isEqualTo("/api/tickets/" + opened.json().get("id").asLong());
        Api.Reply shown = asOwner.get(location);
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json()).isEqualTo(opened.json());
        assertThat(list(asOwner, "/api/tickets")).singleElement()
                .satisfies(ticket -> assertThat(ticket).isEqualTo(opened.json()));
    }

    @Test
    void opensATicketAboutNoAccountWhenNoneIsNamed() {
        Api.Reply opened = asOwner.post("/api/tickets", Map.of("subject", "Invoice address", "message", "Where?"));

        assertThat(opened.status()).as(opened.body()).isEqualTo(201);
        assertThat(opened.json().get("account").isNull()).isTrue();
    }

    @Test
    void anAccountOfAnotherProfileIsAnswered404ExactlyLikeOneThatDoesNotExist() {
        Profile other = fixtures.customer("Otto", Profile.Language.EN);
        Account theirs = fixtures.paidAccount(other, "4.99", BillingCycle.MONTHLY, 1);

        Api.Reply foreign = asOwner.post("/api/tickets", Map.of("subject", "Hi", "message", "Hello", "account", theirs.name()));
        Api.Reply missing = asOwner.post("/api/tickets", Map.of("subject", "Hi", "message", "Hello", "account", "no-such-account"));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(foreign.contentType()).startsWith("application/problem+json");
        assertThat(foreign.json().get("detail").asText().replace(theirs.name(), "NAME"))
                .isEqualTo(missing.json().get("detail").asText().replace("no-such-account", "NAME"));
        assertThat(list(asOwner, "/api/tickets")).isEmpty();
        assertThat(list(api.as(other.email(), Fixtures.PASSWORD), "/api/tickets")).isEmpty();
    }

    @Test
    void aTicketWithoutSubjectOrMessageOrTooLongIs422AndNothingIsOpened() {
        Map<String, String> noSubject = new HashMap<>(Map.of("message", "Hello"));
        Map<String, String> blankMessage = Map.of("subject", "Hi", "message", "   ");
        Map<String, String> longSubject = Map.of("subject", "x".repeat(201), "message", "Hello");

        for (Map<String, String> body : List.of(noSubject, blankMessage, longSubject)) {
            Api.Reply reply = asOwner.post("/api/tickets", body);

            assertThat(reply.status()).as(reply.body()).isEqualTo(422);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            assertThat(reply.json().get("detail").asText()).isNotBlank();
            assertThat(reply.json().get("field").asText()).isIn("subject", "message");
        }
        Api.Reply malformed = asOwner.send("POST", "/api/tickets", "{\"subject\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(list(asOwner, "/api/tickets")).isEmpty();
    }

    @Test
    void anotherProfilesTicketIsNotFound() {
        Api.Reply opened = asOwner.post("/api/tickets", Map.of("subject", "Private", "message", "Mine"));
        Profile other = fixtures.customer("Oscar", Profile.Language.EN);

        Api.Reply peek = api.as(other.email(), Fixtures.PASSWORD).get(opened.header("Location"));

        assertThat(peek.status()).isEqualTo(404);
        assertThat(peek.json().get("detail").asText()).doesNotContain("Private");
    }

    @Test
    void historyNeedsSigningIn() {
        assertThat(api.get("/api/tickets").status()).isEqualTo(401);
        assertThat(api.get("/api/activity").status()).isEqualTo(401);
        assertThat(api.get("/api/invoices").status()).isEqualTo(401);
        assertThat(api.as(owner.email(), "wrong-password").get("/api/activity").status()).isEqualTo(401);
    }

    @Test
    void theActivityLogSaysWhoDidWhatOnWhichAccountWhenAndFromWhere() {
        asOwner.post("/api/tickets", Map.of("subject", "Slow site", "message", "Very slow.", "account", account.name()));

        JsonNode entry = list(asOwner, "/api/activity").get(0);

        assertThat(entry.get("action").asText()).isEqualTo("TICKET_OPENED");
        assertThat(entry.get("actor").asText()).isEqualTo(owner.email());
        assertThat(entry.get("account").asText()).isEqualTo(account.name());
        assertThat(entry.get("detail").asText()).isEqualTo("Slow site");
        assertThat(entry.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(entry.get("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
    }

    @Test
    void anActivityIsStoredAsFactsAndToldInTheReadersLanguage() {
        Profile french = fixtures.customer("Francoise", Profile.Language.FR);
        Account site = fixtures.paidAccount(french, "9.99", BillingCycle.MONTHLY, 5);
        Api asFrench = api.as(french.email(), Fixtures.PASSWORD);
        UUID transfer = TransfersByApi.start(asFrench, site.name(), owner.email(), "IMMEDIATE");

        JsonNode started = list(asFrench, "/api/activity").get(0);
        assertThat(started.get("action").asText()).isEqualTo("TRANSFER_STARTED");
        assertThat(started.get("transfer").asText()).isEqualTo(transfer.toString());
        assertThat(started.get("counterpart").asText()).isEqualTo(owner.email());
        assertThat(started.get("billingMode").asText()).isEqualTo("IMMEDIATE");
        assertThat(started.get("note").isNull()).isTrue();
        assertThat(started.get("detail").asText())
                .isEqualTo("à " + owner.email() + ", facturée dès acceptation (cession " + transfer + ")");

        // the same facts in English for an English reader: the decline, with the recipient's own words
        asOwner.post("/api/transfers/" + transfer + "/decline", Map.of("reason", "Pas pour moi"));
        JsonNode declined = list(asOwner, "/api/activity").get(0);
        assertThat(declined.get("action").asText()).isEqualTo("TRANSFER_DECLINED");
        assertThat(declined.get("note").asText()).isEqualTo("Pas pour moi");
        assertThat(declined.get("detail").asText()).isEqualTo("transfer " + transfer + ": Pas pour moi");
        assertThat(jdbc.queryForObject("select count(*) from activity where legacy_detail is not null", Long.class))
                .as("no sentence is stored any more").isZero();
    }

    static List<JsonNode> list(Api party, String path) {
        Api.Reply reply = party.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false).toList();
    }
}
