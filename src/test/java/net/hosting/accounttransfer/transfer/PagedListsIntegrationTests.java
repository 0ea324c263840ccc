package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.history.ActivityAction;
import net.hosting.accounttransfer.history.ActivityFacts;
import net.hosting.accounttransfer.history.ActivityLog;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.history.Tickets;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.TransfersByApi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The four lists of the API (issue 12): newest first, a page at a time, a {@code Link} to the next page exactly
 * when there is one, sizes from 1 to 200, and never a row of another profile on any page.
 */
class PagedListsIntegrationTests extends IntegrationTest {

    private static final Pattern NEXT = Pattern.compile("<([^>]*)>; rel=\"next\"");

    @Autowired
    ActivityLog activity;

    @Autowired
    Tickets tickets;

    @Autowired
    JdbcTemplate jdbc;

    private Profile owner;
    private Profile other;
    private Api asOwner;
    private Api asOther;

    @BeforeEach
    void twoProfiles() {
        owner = fixtures.customer("Paula", Profile.Language.EN);
        other = fixtures.customer("Quentin", Profile.Language.FR);
        asOwner = api.as(owner.email(), Fixtures.PASSWORD);
        asOther = api.as(other.email(), Fixtures.PASSWORD);
    }

    @Test
    void invoicesComeNewestFirstTwoByTwoAndTheLastPageHasNoLink() {
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            issued.add(0, fixtures.paidAccount(owner, "9.99", BillingCycle.MONTHLY, 3).name());
        }
        Account others = fixtures.paidAccount(other, "4.99", BillingCycle.MONTHLY, 3);

        List<JsonNode> all = walk(asOwner, "/api/invoices?size=2", 2, 2, 2, 1);

        assertThat(all).extracting(invoice -> invoice.get("account").asText()).containsExactlyElementsOf(issued)
                .doesNotContain(others.name());
        assertThat(all).extracting(invoice -> invoice.get("number").asText()).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void ticketsEndingExactlyOnAPageBoundaryGetNoLinkOnTheLastPage() {
        for (int i = 1; i <= 4; i++) {
            open(owner, "Ticket " + i);
        }
        open(other, "Not yours");

        List<JsonNode> all = walk(asOwner, "/api/tickets?size=2", 2, 2, 2);

        assertThat(all).extracting(ticket -> ticket.get("subject").asText())
                .containsExactly("Ticket 4", "Ticket 3", "Ticket 2", "Ticket 1");
        assertThat(walk(asOther, "/api/tickets?size=2", 2, 1)).extracting(ticket -> ticket.get("subject").asText())
                .containsExactly("Not yours");
    }

    @Test
    void activityTakes50APageByDefaultAndLinksToTheNextWithTheSizeSpelledOut() {
        // the profile's creation is its first entry; 50 more make 51
        for (int i = 1; i <= 50; i++) {
            activity.record(owner.id(), new Actor(owner.email(), "127.0.0.1"), ActivityAction.TICKET_OPENED,
                    ActivityFacts.note("entry " + i));
        }
        activity.record(other.id(), new Actor(other.email(), "127.0.0.1"), ActivityAction.TICKET_OPENED,
                ActivityFacts.note("not yours"));

        Api.Reply first = asOwner.get("/api/activity");
        assertThat(first.status()).as(first.body()).isEqualTo(200);
        assertThat(first.json().size()).isEqualTo(50);
        assertThat(first.json().get(0).get("note").asText()).isEqualTo("entry 50");
        assertThat(first.header("Link")).isEqualTo("</api/activity?page=1&size=50>; rel=\"next\"");

        Api.Reply last = asOwner.get("/api/activity?page=1&size=50");
        assertThat(last.json()).singleElement().satisfies(entry ->
                assertThat(entry.get("action").asText()).isEqualTo("PROFILE_CREATED"));
        assertThat(last.header("Link")).isNull();

        Api.Reply whole = asOwner.get("/api/activity?size=200");
        assertThat(whole.json().size()).isEqualTo(51);
        assertThat(whole.header("Link")).isNull();
        assertThat(whole.body()).doesNotContain("not yours");
        assertThat(asOwner.get("/api/activity?page=7").json()).as("past the end: an empty page").isEmpty();
    }

    @Test
    void entriesOfTheSameInstantKeepOneOrderAcrossPages() {
        Timestamp sameInstant = Timestamp.from(Instant.parse("2026-01-05T10:00:00Z"));
        for (int i = 1; i <= 5; i++) {
            jdbc.update("insert into activity (profile_id, actor, action, note, occurred_at) values (?, ?, ?, ?, ?)",
                    owner.id(), owner.email(), "TICKET_OPENED", "tie " + i, sameInstant);
        }

        List<JsonNode> all = walk(asOwner, "/api/activity?size=2", 2, 2, 2, 2);

        // the profile's creation is newer; the five of one instant follow, the last inserted first
        assertThat(all).extracting(entry -> entry.get("note").asText(null))
                .containsExactly(null, "tie 5", "tie 4", "tie 3", "tie 2", "tie 1");
    }

    @Test
    void sentAndReceivedTransfersArePagedAndTheLinkKeepsTheRole() {
        List<String> offered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Account account = fixtures.paidAccount(owner, "9.99", BillingCycle.MONTHLY, 3);
            TransfersByApi.start(asOwner, account.name(), other.email(), "AT_RENEWAL");
            offered.add(0, account.name());
        }
        Profile third = fixtures.customer("Rita", Profile.Language.EN);
        Account thirds = fixtures.paidAccount(third, "4.99", BillingCycle.MONTHLY, 3);
        TransfersByApi.start(api.as(third.email(), Fixtures.PASSWORD), thirds.name(),
                "nobody-" + Fixtures.unique() + "@example.test", "IMMEDIATE");

        Api.Reply firstSent = asOwner.get("/api/transfers?role=sent&size=2");
        assertThat(firstSent.header("Link")).isEqualTo("</api/transfers?role=sent&page=1&size=2>; rel=\"next\"");
        List<JsonNode> sent = walk(asOwner, "/api/transfers?role=sent&size=2", 2, 2, 1);
        List<JsonNode> received = walk(asOther, "/api/transfers?size=2&role=received", 2, 2, 1);

        assertThat(sent).extracting(transfer -> transfer.get("account").asText()).containsExactlyElementsOf(offered);
        assertThat(received).extracting(transfer -> transfer.get("account").asText()).containsExactlyElementsOf(offered);
        assertThat(walk(asOwner, "/api/transfers?role=received", 50, 0)).isEmpty();
        assertThat(walk(asOther, "/api/transfers?role=sent", 50, 0)).isEmpty();
    }

    @Test
    void theLinkCarriesOtherParametersEncodedSoNothingBreaksOutOfIt() {
        open(owner, "One");
        open(owner, "Two");

        Api.Reply first = asOwner.get("/api/tickets?size=1&note=a%3E%20b%2Bc%22%3Cd:e");

        assertThat(first.header("Link"))
                .isEqualTo("</api/tickets?note=a%3E%20b%2Bc%22%3Cd:e&page=1&size=1>; rel=\"next\"");
        Api.Reply second = asOwner.get(next(first));
        assertThat(second.json()).singleElement().satisfies(ticket ->
                assertThat(ticket.get("subject").asText()).isEqualTo("One"));
        assertThat(second.header("Link")).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/invoices", "/api/activity", "/api/tickets", "/api/transfers?role=sent"})
    void aPageOrSizeOutOfRangeIs422NamingTheParameterAndANonNumberIs400(String list) {
        String join = list.contains("?") ? "&" : "?";
        for (String bad : new String[] {"size=201", "size=0", "size=-3", "page=-1", "page=2147483647&size=2"}) {
            Api.Reply reply = asOwner.get(list + join + bad);

            assertThat(reply.status()).as(list + join + bad + ": " + reply.body()).isEqualTo(422);
            assertThat(reply.contentType()).startsWith("application/problem+json");
            String parameter = bad.substring(0, bad.indexOf('='));
            assertThat(reply.json().get("field").asText()).isEqualTo(parameter);
            assertThat(reply.json().get("detail").asText()).contains(parameter);
        }
        Api.Reply notANumber = asOwner.get(list + join + "page=first");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
        assertThat(notANumber.json().get("detail").asText()).contains("page");

        assertThat(asOwner.get(list + join + "size=200").status()).isEqualTo(200);
        assertThat(asOwner.get(list + join + "size=1&page=0").status()).isEqualTo(200);
    }

    private void open(Profile profile, String subject) {
        tickets.open(profile.id(), new Actor(profile.email(), "127.0.0.1"), null, null, subject, "Hello");
    }

    /**
     * Every item of a list, following its {@code Link} headers from {@code first}: each page must hold the
     * expected number of items, and every page but the last must link to the next one with the same size.
     */
    private static List<JsonNode> walk(Api party, String first, int size, int... pageSizes) {
        List<JsonNode> all = new ArrayList<>();
        String path = first;
        for (int page = 0; page < pageSizes.length; page++) {
            Api.Reply reply = party.get(path);
            assertThat(reply.status()).as(path + ": " + reply.body()).isEqualTo(200);
            List<JsonNode> items = StreamSupport.stream(reply.json().spliterator(), false).toList();
            assertThat(items).as(path).hasSize(pageSizes[page]);
            all.addAll(items);
            if (page == pageSizes.length - 1) {
                assertThat(reply.header("Link")).as(path + " is the last page").isNull();
            } else {
                path = next(reply);
                assertThat(path).contains("page=" + (page + 1)).contains("size=" + size);
            }
        }
        return all;
    }

    private static String next(Api.Reply reply) {
        String link = reply.header("Link");
        assertThat(link).as("a Link to the next page").isNotNull();
        Matcher matcher = NEXT.matcher(link);
        assertThat(matcher.matches()).as(link).isTrue();
        return matcher.group(1);
    }
}
