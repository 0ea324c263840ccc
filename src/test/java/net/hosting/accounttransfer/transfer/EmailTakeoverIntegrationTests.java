package net.hosting.accounttransfer.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * S1 and T8 as an attacker tries them: renaming a profile to someone else's address never makes it the recipient
 * of offers sent there, and the answer to an email change tells nothing about which addresses have a profile.
 */
class EmailTakeoverIntegrationTests extends TransferIntegrationSupport {

    private static final String CONFIRM_SUBJECT = "Confirm your new email address";

    @Autowired
    private ProfileService profiles;

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void renamingAProfileToTheRecipientsAddressThroughTheApiNeitherShowsNorHandsItTheOffer() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String dave = "dave-" + Fixtures.unique() + "@example.test";
        String id = start(alice, account, dave, "IMMEDIATE").get("id").asText();

        Api.Reply renamed = as(carol).patch("/api/profile", Map.of("email", dave, "currentPassword", Fixtures.PASSWORD));

        // asked, not done: Carol is still Carol until dave's mailbox opens the link
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(202);
        assertThat(renamed.json().get("email").asText()).isEqualTo(carol.email());
        assertThat(api.as(dave, Fixtures.PASSWORD).get("/api/profile").status()).isEqualTo(401);
        assertThat(as(carol).get("/api/transfers?role=received").json()).isEmpty();
        assertProblem(as(carol).get("/api/transfers/" + id), 404);
        assertProblem(as(carol).post("/api/transfers/" + id + "/accept", null), 404);
        assertProblem(as(carol).post("/api/transfers/" + id + "/decline", Map.of("reason", "mine now")), 404);
        assertThat(transfer(alice, id).get("status").asText()).isEqualTo("PENDING");
        assertOwnedBy(alice, carol, account);
        // the link went where only the real dave reads it, and Carol's own address was told
        Mailbox.Mail link = mailbox.awaitMail(dave, CONFIRM_SUBJECT);
        // S9: fixed text and the link, nothing of the requester's profile
        assertThat(link.text() + link.html()).doesNotContain(carol.email()).doesNotContain(carol.name());
        assertThat(mailbox.awaitMail(carol.email(), "change of your profile").text()).contains(dave);
    }

    @Test
    void onlyOpeningTheMailedLinkMakesTheNewAddressTheProfilesAndThenOffersToItAreItsOwn() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile erin = fixtures.customer("Erin", Profile.Language.EN);
        Account account = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        String newAddress = "erin.new-" + Fixtures.unique() + "@example.test";
        String id = start(alice, account, newAddress, "IMMEDIATE").get("id").asText();
        assertThat(as(erin).patch("/api/profile", Map.of("email", newAddress, "currentPassword", Fixtures.PASSWORD))
                .status()).isEqualTo(202);
        assertProblem(as(erin).get("/api/transfers/" + id), 404);

        String token = tokenOf(mailbox.awaitMail(newAddress, CONFIRM_SUBJECT));
        assertThat(profiles.confirmEmail(alice.id(), token, actor(alice))).as("another profile's link")
                .isEqualTo(ProfileService.Confirmation.INVALID);
        assertThat(profiles.confirmEmail(erin.id(), token, actor(erin))).isEqualTo(ProfileService.Confirmation.CONFIRMED);
        assertThat(profiles.confirmEmail(erin.id(), token, actor(erin))).as("single use")
                .isEqualTo(ProfileService.Confirmation.INVALID);

        Api asNewErin = api.as(newAddress, Fixtures.PASSWORD);
        assertThat(as(erin).get("/api/profile").status()).as("the old email no longer signs in").isEqualTo(401);
        assertThat(asNewErin.get("/api/profile").json().get("email").asText()).isEqualTo(newAddress);
        assertThat(asNewErin.get("/api/transfers/" + id).status()).isEqualTo(200);
        assertThat(asNewErin.post("/api/transfers/" + id + "/accept", null).status()).isEqualTo(200);
        assertThat(profiles.confirmEmail(alice.id(), "not-a-token", actor(alice)))
                .isEqualTo(ProfileService.Confirmation.INVALID);
    }

    @Test
    void aLinkOlderThan24HoursChangesNothing() {
        Profile fred = fixtures.customer("Fred", Profile.Language.FR);
        String newAddress = "fred.new-" + Fixtures.unique() + "@example.test";
        assertThat(as(fred).patch("/api/profile", Map.of("email", newAddress, "currentPassword", Fixtures.PASSWORD))
                .status()).isEqualTo(202);
        Mailbox.Mail mail = mailbox.awaitMail(newAddress, "Confirmez votre nouvelle adresse email");
        assertThat(jdbc.queryForObject("select expires_at - created_at = interval '24 hours' from pending_email_change"
                + " where profile_id = ?", Boolean.class, fred.id())).isTrue();
        jdbc.update("update pending_email_change set created_at = created_at - interval '25 hours',"
                + " expires_at = expires_at - interval '25 hours' where profile_id = ?", fred.id());

        assertThat(profiles.confirmEmail(fred.id(), tokenOf(mail), actor(fred)))
                .isEqualTo(ProfileService.Confirmation.INVALID);

        assertThat(profiles.get(fred.id()).email()).isEqualTo(fred.email());
        assertThat(as(fred).get("/api/profile").json().get("pendingEmail").isNull()).isTrue();
    }

    @Test
    void askingForATakenAddressAnswersExactlyAsForAFreeOneAndOnlyTheMailboxesLearnTheDifference() {
        Profile gina = fixtures.customer("Gina", Profile.Language.EN);
        Profile holder = fixtures.customer("Holder", Profile.Language.EN);
        String free = "free-" + Fixtures.unique() + "@example.test";

        Api.Reply taken = as(gina).patch("/api/profile", Map.of("email", holder.email(), "currentPassword", Fixtures.PASSWORD));
        JsonNode afterTaken = as(gina).get("/api/profile").json();
        Api.Reply open = as(gina).patch("/api/profile", Map.of("email", free, "currentPassword", Fixtures.PASSWORD));
        JsonNode afterOpen = as(gina).get("/api/profile").json();

        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        assertThat(open.status()).as(open.body()).isEqualTo(202);
        assertThat(taken.contentType()).isEqualTo(open.contentType());
        assertThat(taken.body().replace(holder.email(), "ADDRESS")).isEqualTo(open.body().replace(free, "ADDRESS"));
        assertThat(afterTaken.toString().replace(holder.email(), "ADDRESS"))
                .isEqualTo(afterOpen.toString().replace(free, "ADDRESS"));
        // the holder hears that someone tried, with no link; the free address gets the link
        Mailbox.Mail note = mailbox.awaitMail(holder.email(), "Someone tried to use your email address");
        assertThat(note.text()).doesNotContain("http").contains(holder.email());
        assertThat(tokenOf(mailbox.awaitMail(free, CONFIRM_SUBJECT))).hasSize(43);
        assertThat(mailbox.to(holder.email())).hasSize(1);
        assertThat(mailbox.to(gina.email())).as("a notice for each request").hasSize(2);
        assertThat(profiles.get(gina.id()).email()).isEqualTo(gina.email());
        assertThat(profiles.get(holder.id()).email()).isEqualTo(holder.email());
    }

    private static String tokenOf(Mailbox.Mail mail) {
        assertThat(mail.link()).startsWith(PUBLIC_URL + "/profile/email/confirm?token=");
        return mail.link().substring(mail.link().indexOf("token=") + "token=".length());
    }

    private static Actor actor(Profile profile) {
        return new Actor(profile.email(), "127.0.0.1");
    }
}
