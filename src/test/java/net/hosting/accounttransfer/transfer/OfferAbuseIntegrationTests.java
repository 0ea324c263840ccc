package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Offers used as a weapon: a recipient "address" the mail library would read as several, or as headers (S5), and
 * offers sent in bulk (S4). Each is refused before anything is stored or mailed.
 */
class OfferAbuseIntegrationTests extends TransferIntegrationSupport {

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void aRecipientEmailThatIsNotExactlyOneAddressGets422NamingTheFieldAndStartsNothing() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);

        for (String notOne : List.of("x,y@example.com", "x@example.com,y@example.com", "x@example.com;y@example.com",
                "Bob <bob@example.com>", "<bob@example.com>", "\"Bob\" bob@example.com", "bob@example.com\r\nBcc: x@example.com",
                "bob@example.com\r\n", "bob@example.com\n", "bo\u0000b@example.com", "bob@exam\tple.com",
                "\"bob\"@example.com", "bob@[127.0.0.1]", "bob.@example.com", "bob@-example.com",
                "b".repeat(65) + "@example.com", "bob@" + "d".repeat(250) + ".com")) {
            Api.Reply reply = as(alice).post("/api/transfers", startBody(account, notOne, "IMMEDIATE"));

            JsonNode problem = assertProblem(reply, 422);
            assertThat(problem.get("field").asText()).as(notOne).isEqualTo("recipientEmail");
            assertThat(problem.get("detail").asText()).as(notOne).startsWith("recipientEmail: ")
                    .doesNotContain("\r", "\n", "\u0000");
        }

        assertThat(as(alice).get("/api/transfers?role=sent").json()).isEmpty();
        assertThat(owned(alice, account).orElseThrow().get("pendingTransfer").isNull()).isTrue();
        assertThat(mailbox.all()).filteredOn(mail -> mail.text().contains(account.name())).isEmpty();
        // the longest address SMTP carries is still one
        String longest = "l".repeat(64) + "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(57) + ".com";
        assertThat(longest).hasSize(254);
        assertThat(start(alice, account, longest, "IMMEDIATE").get("recipient").asText()).isEqualTo(longest);
    }

    @Test
    void pastMaxOffersPerDayTheSenderGets429WithRetryAfterUntilTheOldestOfferIsADayOld() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        Account another = fixtures.paidAccount(alice, "4.99", BillingCycle.MONTHLY, 10);
        // 19 offers of the last 24 hours, the oldest 23 hours ago, and one older that no longer counts
        backdatedOffers(alice, account, 1, Duration.ofHours(25));
        backdatedOffers(alice, account, 1, Duration.ofHours(23));
        backdatedOffers(alice, account, 18, Duration.ofHours(2));
        String bob = "bob-" + Fixtures.unique() + "@example.test";
        start(alice, account, bob, "IMMEDIATE");
        mailbox.awaitMail(bob, account.name());

        Api.Reply refused = as(alice).post("/api/transfers",
                startBody(another, "carol-" + Fixtures.unique() + "@example.test", "IMMEDIATE"));

        JsonNode problem = assertProblem(refused, 429);
        assertThat(problem.get("detail").asText()).contains("20", "24 hours");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).as("the 23-hour-old offer leaves the window in an hour")
                .isBetween(Duration.ofMinutes(55).toSeconds(), Duration.ofHours(1).toSeconds());
        assertThat(owned(alice, another).orElseThrow().get("pendingTransfer").isNull()).isTrue();
        assertThat(jdbc.queryForObject("select count(*) from transfer where sender_id = ?", Long.class, alice.id()))
                .isEqualTo(21);
        assertThat(mailbox.all()).as("only the offer that was allowed")
                .filteredOn(mail -> mail.text().contains(account.name()) || mail.text().contains(another.name()))
                .extracting(mail -> mail.to()).containsExactly(bob);

        // once that offer is a day old, there is room for one more
        jdbc.update("update transfer set created_at = created_at - interval '1 hour' where sender_id = ?"
                + " and created_at < ?", alice.id(), Timestamp.from(calendar.now().minus(Duration.ofHours(22))));
        assertThat(start(alice, another, "carol-" + Fixtures.unique() + "@example.test", "IMMEDIATE")
                .get("status").asText()).isEqualTo("PENDING");
    }

    /**
     * Transfers this sender started {@code ago}, already over, as the database holds them; "ago" is on the
     * application's clock, which is the one the offer budget reads, not the database's.
     */
    private void backdatedOffers(Profile sender, Account account, int count, Duration ago) {
        Long subscription = jdbc.queryForObject("select id from subscription where account_id = ? and status = 'ACTIVE'",
                Long.class, account.id());
        Instant started = calendar.now().minus(ago);
        for (int i = 0; i < count; i++) {
            jdbc.update("insert into transfer (id, account_id, account_name, sender_id, recipient_email, billing_mode,"
                    + " status, created_at, expires_at, decided_at, sender_subscription_id)"
                    + " values (gen_random_uuid(), ?, ?, ?, ?, 'IMMEDIATE', 'CANCELLED', ?, ?, ?, ?)",
                    account.id(), account.name(), sender.id(), "old-" + i + "@example.test",
                    Timestamp.from(started), Timestamp.from(started.plus(Duration.ofDays(14))), Timestamp.from(started),
                    subscription);
        }
    }
}
