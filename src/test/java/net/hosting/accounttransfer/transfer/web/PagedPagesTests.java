package net.hosting.accounttransfer.transfer.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.history.Tickets;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileSignIn;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.transfer.BillingMode;
import net.hosting.accounttransfer.transfer.TransferService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;
import net.hosting.accounttransfer.support.CustomerPages;
import net.hosting.accounttransfer.support.HtmlPage;

/**
 * The history page and the Transfers tab page their lists as the API does (issue 12): newest first, each list on
 * its own with "previous" and "next" links in the reader's language, the other lists kept where they were.
 */
class PagedPagesTests extends IntegrationTest {

    @Autowired
    WebApplicationContext context;

    @Autowired
    ProfileSignIn signIn;

    @Autowired
    Tickets tickets;

    @Autowired
    TransferService transfers;

    CustomerPages pages;
    Profile alice;
    Profile bob;

    @BeforeEach
    void pagesAndPeople() {
        pages = new CustomerPages(context, signIn);
        alice = fixtures.customer("Alice", Profile.Language.FR);
        bob = fixtures.customer("Bob", Profile.Language.EN);
    }

    @Test
    void historyPagesEachListOnItsOwnAndKeepsTheOthersWhereTheyAre() throws Exception {
        fixtures.paidAccount(bob, "4.99", BillingCycle.MONTHLY, 3);
        for (int i = 1; i <= 3; i++) {
            tickets.open(bob.id(), new Actor(bob.email(), "127.0.0.1"), null, null, "Ticket " + i, "Hello");
        }
        tickets.open(alice.id(), new Actor(alice.email(), "127.0.0.1"), null, null, "Alice's ticket", "Hello");
        // Bob's activity: his profile was created, then three tickets were opened

        HtmlPage first = page(bob, "/history?size=2", 200);

        assertThat(texts(first, "//section[h2[@id='tickets']]//tbody/tr/th")).containsExactly("Ticket 3", "Ticket 2");
        assertThat(first.text(pager("tickets") + "/a[@rel='next']/@href")).isEqualTo("/history?tickets=1&size=2#tickets");
        assertThat(first.text(pager("tickets") + "/a[@rel='next']")).isEqualTo("Next page (older) →");
        assertThat(first.has(pager("tickets") + "/a[@rel='prev']")).isFalse();
        assertThat(first.text(pager("activity") + "/a[@rel='next']/@href")).isEqualTo("/history?activity=1&size=2#activity");
        assertThat(first.has(pager("invoices"))).as("one invoice fits one page").isFalse();
        assertThat(first.count("//table[contains(@class,'activity')]/tbody/tr")).isEqualTo(2);

        HtmlPage second = page(bob, "/history?tickets=1&activity=1&size=2", 200);

        assertThat(texts(second, "//section[h2[@id='tickets']]//tbody/tr/th")).containsExactly("Ticket 1");
        assertThat(second.has(pager("tickets") + "/a[@rel='next']")).isFalse();
        assertThat(second.text(pager("tickets") + "/a[@rel='prev']/@href"))
                .as("back to the first tickets, the activity still on its second page")
                .isEqualTo("/history?activity=1&size=2#tickets");
        assertThat(second.text(pager("tickets") + "/a[@rel='prev']")).isEqualTo("← Previous page (newer)");
        assertThat(second.text(pager("activity") + "/a[@rel='prev']/@href")).isEqualTo("/history?tickets=1&size=2#activity");
        assertThat(second.has(pager("activity") + "/a[@rel='next']")).isFalse();
        assertThat(texts(second, "//table[contains(@class,'activity')]/tbody/tr/td[2]")).hasSize(2).last()
                .as("the oldest entry comes last").isEqualTo("Profile created");
        assertThat(second.source()).doesNotContain("Alice's ticket");
    }

    @Test
    void theTransfersTabPagesSentAndReceivedInTheReadersLanguage() throws Exception {
        List<UUID> offered = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 3);
            offered.add(0, transfers.start(alice.id(), new TransferService.StartRequest(account.name(), bob.email(),
                    BillingMode.AT_RENEWAL), null, new Actor(alice.email(), "127.0.0.1")).transfer().id());
        }

        HtmlPage sent = page(alice, "/transfers?size=2", 200);

        assertThat(texts(sent, "//section[h2[@id='sent']]//article/@data-transfer-id"))
                .containsExactly(offered.get(0).toString(), offered.get(1).toString());
        assertThat(sent.text(pager("sent") + "/a[@rel='next']/@href")).isEqualTo("/transfers?sent=1&size=2#sent");
        assertThat(sent.text(pager("sent") + "/a[@rel='next']")).isEqualTo("Page suivante (plus anciens) →");
        assertThat(sent.has(pager("received"))).isFalse();

        HtmlPage received = page(bob, "/transfers?received=1&size=2", 200);

        assertThat(texts(received, "//section[h2[@id='received']]//article/@data-transfer-id"))
                .containsExactly(offered.get(2).toString());
        assertThat(received.text(pager("received") + "/a[@rel='prev']/@href")).isEqualTo("/transfers?size=2#received");
        assertThat(received.text(pager("received"))).contains("Page 2");
        assertThat(received.has(pager("received") + "/a[@rel='next']")).isFalse();
    }

    @Test
    void aPageOrSizeOutOfRangeGetsTheErrorPage() throws Exception {
        page(bob, "/history?size=201", 422);
        page(bob, "/history?tickets=-1", 422);
        page(bob, "/transfers?size=0", 422);
        page(bob, "/transfers?sent=-1", 422);
        page(bob, "/history?size=200", 200);
    }

    private HtmlPage page(Profile profile, String path, int status) throws Exception {
        return HtmlPage.of(pages.perform(get(path).with(pages.as(profile))).andReturn(),
                status);
    }

    private static String pager(String section) {
        return "//section[h2[@id='" + section + "']]//nav[@class='pager']";
    }

    private static List<String> texts(HtmlPage page, String xpath) {
        List<String> texts = new ArrayList<>();
        for (int i = 1; i <= page.count(xpath); i++) {
            texts.add(page.text("(" + xpath + ")[" + i + "]"));
        }
        return texts;
    }
}
