package net.hosting.accounttransfer.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.StreamSupport;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.billing.WhileAnotherHolds;
import net.hosting.accounttransfer.common.ConflictException;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.TransfersByApi;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** Seed, first part, and B8: a profile change keeps the history, and only later invoices carry the new identity. */
class ProfileChangeIntegrationTests extends IntegrationTest {

    @Autowired
    ProfileService profiles;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void invoicesIssuedBeforeAChangeKeepTheOldIdentityAndLaterOnesCarryTheNew() {
        Profile paula = fixtures.customer("Paula", Profile.Language.FR);
        Account own = fixtures.paidAccount(paula, "9.99", BillingCycle.MONTHLY, 10);
        Profile quentin = fixtures.customer("Quentin", Profile.Language.EN);
        Account offered = fixtures.paidAccount(quentin, "4.99", BillingCycle.MONTHLY, 3);
        String newEmail = "Paula.Martin-" + Fixtures.unique() + "@example.test";

        Api.Reply changed = api.as(paula.email(), Fixtures.PASSWORD).patch("/api/profile", Map.of("email", newEmail,
                "currentPassword", Fixtures.PASSWORD, "name", "Paula Martin", "company", "Martin SARL",
                "address", "2 rue Neuve\n75001 Paris", "locale", "en"));

        // S1: the other fields change now; the email only once the link mailed to it is opened
        assertThat(changed.status()).as(changed.body()).isEqualTo(202);
        assertThat(changed.json().get("email").asText()).isEqualTo(paula.email());
        assertThat(changed.json().get("pendingEmail").asText()).isEqualTo(newEmail);
        assertThat(api.as(newEmail, Fixtures.PASSWORD).get("/api/profile").status()).as("not verified yet").isEqualTo(401);
        assertThat(profiles.confirmEmail(paula.id(), confirmationToken(newEmail, paula), new Actor(newEmail, "127.0.0.1")))
                .isEqualTo(ProfileService.Confirmation.CONFIRMED);
        assertThat(changed.json().get("name").asText()).isEqualTo("Paula Martin");
        assertThat(changed.json().get("company").asText()).isEqualTo("Martin SARL");
        assertThat(changed.json().get("address").asText()).isEqualTo("2 rue Neuve\n75001 Paris");
        assertThat(changed.json().get("locale").asText()).isEqualTo("en");
        // signing in follows the email: the old one is refused, the new one works in any case
        assertThat(api.as(paula.email(), Fixtures.PASSWORD).get("/api/profile").status()).isEqualTo(401);
        Api asPaula = api.as(newEmail, Fixtures.PASSWORD);
        assertThat(asPaula.get("/api/profile").status()).isEqualTo(200);
        assertThat(api.as(newEmail.toLowerCase(Locale.ROOT), Fixtures.PASSWORD).get("/api/profile").status())
                .isEqualTo(200);
        assertThat(asPaula.get("/api/profile").json().get("pendingEmail").isNull()).as("the link is spent").isTrue();
        assertThat(list(asPaula, "/api/activity")).filteredOn(entry -> entry.get("action").asText().equals("PROFILE_CHANGED"))
                .extracting(entry -> entry.get("field").asText())
                .containsExactlyInAnyOrder("email", "name", "company", "address", "locale");
        assertThat(list(asPaula, "/api/activity")).filteredOn(entry -> entry.get("action").asText().equals("EMAIL_CHANGE_REQUESTED"))
                .extracting(entry -> entry.get("newValue").asText()).containsExactly(newEmail);

        // an invoice issued after the change: Quentin hands an account to Paula's new email
        TransfersByApi.transferNow(api.as(quentin.email(), Fixtures.PASSWORD), offered.name(), asPaula, newEmail);

        List<JsonNode> invoices = list(asPaula, "/api/invoices");
        assertThat(invoices).hasSize(2);
        JsonNode before = invoices.stream().filter(i -> i.get("account").asText().equals(own.name())).findFirst().orElseThrow();
        JsonNode after = invoices.stream().filter(i -> i.get("account").asText().equals(offered.name())).findFirst().orElseThrow();
        assertThat(before.at("/billedTo/name").asText()).isEqualTo("Paula");
        assertThat(before.at("/billedTo/company").isNull()).isTrue();
        assertThat(before.at("/billedTo/address").asText()).isEqualTo("1 Test Street");
        assertThat(before.at("/billedTo/email").asText()).isEqualTo(paula.email());
        assertThat(after.at("/billedTo/name").asText()).isEqualTo("Paula Martin");
        assertThat(after.at("/billedTo/company").asText()).isEqualTo("Martin SARL");
        assertThat(after.at("/billedTo/address").asText()).isEqualTo("2 rue Neuve\n75001 Paris");
        assertThat(after.at("/billedTo/email").asText()).isEqualTo(newEmail);
        // and the mail about it reaches the new address, in the new language
        assertThat(mailbox.awaitMail(newEmail, "completed").subject()).startsWith("Transfer of account");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOne() {
        Profile rita = fixtures.customer("Rita", Profile.Language.EN);
        Api asRita = api.as(rita.email(), Fixtures.PASSWORD);

        Api.Reply without = asRita.patch("/api/profile", Map.of("password", "new-secret-42"));
        Api.Reply wrong = asRita.patch("/api/profile", Map.of("password", "new-secret-42", "currentPassword", "guess-1234"));
        Api.Reply tooShort = asRita.patch("/api/profile", Map.of("password", "short", "currentPassword", Fixtures.PASSWORD));
        Api.Reply tooLong = asRita.patch("/api/profile", Map.of("password", "é".repeat(40), "currentPassword", Fixtures.PASSWORD));

        assertProblem(without, 422, "currentPassword");
        assertProblem(wrong, 422, "currentPassword");
        assertProblem(tooShort, 422, "password");
        assertProblem(tooLong, 422, "password");
        assertThat(asRita.get("/api/profile").status()).as("still the old password").isEqualTo(200);

        Api.Reply changed = asRita.patch("/api/profile", Map.of("password", "new-secret-42", "currentPassword", Fixtures.PASSWORD));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        assertThat(changed.body()).doesNotContain("new-secret-42").doesNotContain("password");
        assertThat(asRita.get("/api/profile").status()).isEqualTo(401);
        Api withNew = api.as(rita.email(), "new-secret-42");
        assertThat(withNew.get("/api/profile").status()).isEqualTo(200);
        List<JsonNode> changes = list(withNew, "/api/activity").stream()
                .filter(entry -> entry.get("action").asText().equals("PROFILE_CHANGED")).toList();
        assertThat(changes).singleElement().satisfies(entry -> {
            assertThat(entry.get("detail").asText()).isEqualTo("password");
            assertThat(entry.get("actor").asText()).isEqualTo(rita.email());
            assertThat(entry.get("remoteAddress").asText()).isEqualTo("127.0.0.1");
        });
    }

    @Test
    void aTakenOrMalformedValueIsRefusedAndTheWholeChangeIsLeftUndone() {
        Profile sara = fixtures.customer("Sara", Profile.Language.EN);
        Profile other = fixtures.customer("Tom", Profile.Language.EN);
        Api asSara = api.as(sara.email(), Fixtures.PASSWORD);

        assertProblem(asSara.patch("/api/profile", Map.of("name", "Sara Malformed", "email", "sara-at-example.test",
                "currentPassword", Fixtures.PASSWORD)), 422, "email");
        assertProblem(asSara.patch("/api/profile", Map.of("name", "Sara List", "email", "a@example.test, b@example.test",
                "currentPassword", Fixtures.PASSWORD)), 422, "email");
        assertProblem(asSara.patch("/api/profile", Map.of("name", "Sara Unproven", "email", "new-" + other.email())),
                422, "currentPassword");
        assertProblem(asSara.patch("/api/profile", Map.of("name", "Sara Guessing", "email", "new-" + other.email(),
                "currentPassword", "guess-1234")), 422, "currentPassword");
        assertProblem(asSara.patch("/api/profile", Map.of("name", "Sara Deutsch", "locale", "de")), 422, "locale");
        assertProblem(asSara.patch("/api/profile", Map.of("name", "   ")), 422, "name");
        assertProblem(asSara.patch("/api/profile", Map.of("name", "S".repeat(201))), 422, "name");
        assertProblem(asSara.patch("/api/profile", Map.of("company", "C".repeat(201))), 422, "company");
        assertProblem(asSara.patch("/api/profile", Map.of("address", "A".repeat(501))), 422, "address");
        assertProblem(asSara.send("PATCH", "/api/profile", "{\"name\": "), 400, null);

        JsonNode now = asSara.get("/api/profile").json();
        assertThat(now.get("name").asText()).isEqualTo("Sara");
        assertThat(now.get("email").asText()).isEqualTo(sara.email());
        assertThat(now.get("locale").asText()).isEqualTo("en");
        assertThat(now.get("pendingEmail").isNull()).isTrue();
        assertThat(list(asSara, "/api/activity")).extracting(entry -> entry.get("action").asText())
                .doesNotContain("PROFILE_CHANGED", "EMAIL_CHANGE_REQUESTED");
        assertThat(mailbox.all()).as("no link for a refused change").isEmpty();
    }

    /**
     * Issue 19: a change is checked whole, and the answer names every broken rule; reason and field name the first,
     * so a client reading only those reads what it read before.
     */
    @Test
    void aChangeBreakingSeveralRulesIsRefusedWithEachListedAndNothingChanges() {
        Profile wendy = fixtures.customer("Wendy", Profile.Language.EN);
        Api asWendy = api.as(wendy.email(), Fixtures.PASSWORD);

        Api.Reply several = asWendy.patch("/api/profile", Map.of("password", "é".repeat(40), "currentPassword",
                Fixtures.PASSWORD, "name", "W".repeat(201), "company", "C".repeat(201), "locale", "de"));
        Api.Reply one = asWendy.patch("/api/profile", Map.of("name", "W".repeat(201), "locale", "fr"));

        assertProblem(several, 422, "password");
        assertThat(several.json().get("reason").asText()).isEqualTo("PASSWORD_TOO_LONG");
        assertThat(several.json().get("violations")).extracting(entry -> entry.get("field").asText() + " "
                + entry.get("reason").asText()).containsExactly("password PASSWORD_TOO_LONG", "name TOO_LONG",
                "company TOO_LONG", "locale LOCALE_UNSUPPORTED");
        assertThat(several.json().get("violations")).allSatisfy(entry -> assertThat(entry.get("detail").asText())
                .isNotBlank());
        assertProblem(one, 422, "name");
        assertThat(one.json().get("reason").asText()).isEqualTo("TOO_LONG");
        assertThat(one.json().get("detail").asText()).isEqualTo("The name can have at most 200 characters.");
        assertThat(one.json().has("violations")).as("one rule, the shape clients know").isFalse();
        JsonNode now = asWendy.get("/api/profile").json();
        assertThat(now.get("name").asText()).isEqualTo("Wendy");
        assertThat(now.get("locale").asText()).as("the valid part of a refused change is not applied").isEqualTo("en");
    }

    @Test
    void aVatNumberIsCheckedAgainstTheProfilesCountryAndNullRemovesIt() {
        Profile tom = fixtures.customer("Tom", Profile.Language.EN);
        Api asTom = api.as(tom.email(), Fixtures.PASSWORD);
        assertThat(asTom.get("/api/profile").json().get("country").asText()).isEqualTo("FR");

        // FR: key 12 is not (12 + 3 × (123456782 mod 97)) mod 97 = 11
        assertProblem(asTom.patch("/api/profile", Map.of("vatNumber", "FR12123456782")), 422, "vatNumber");
        // FR: 123456789 fails Luhn, though 32 is the key its digits give
        assertProblem(asTom.patch("/api/profile", Map.of("vatNumber", "FR32123456789")), 422, "vatNumber");
        // BE: 97 − (01234567 mod 97) = 49, not 48
        assertProblem(asTom.patch("/api/profile", Map.of("country", "BE", "vatNumber", "BE0123456748")), 422,
                "vatNumber");
        // a Belgian number on a French profile
        assertProblem(asTom.patch("/api/profile", Map.of("vatNumber", "BE0123456749")), 422, "vatNumber");
        assertProblem(asTom.patch("/api/profile", Map.of("country", "XX")), 422, "country");
        assertThat(asTom.get("/api/profile").json().get("vatNumber").isNull()).as("nothing changed").isTrue();
        assertThat(asTom.get("/api/profile").json().get("country").asText()).isEqualTo("FR");

        Api.Reply french = asTom.patch("/api/profile", Map.of("vatNumber", "fr 11 123 456 782"));
        assertThat(french.status()).as(french.body()).isEqualTo(200);
        assertThat(french.json().get("vatNumber").asText()).isEqualTo("FR11123456782");
        // moving to Belgium with the French number kept is refused; with a Belgian number it is one change
        assertProblem(asTom.patch("/api/profile", Map.of("country", "BE")), 422, "vatNumber");
        Api.Reply belgian = asTom.patch("/api/profile", Map.of("country", "BE", "vatNumber", "BE0123456749"));
        assertThat(belgian.status()).as(belgian.body()).isEqualTo(200);
        assertThat(belgian.json().get("country").asText()).isEqualTo("BE");
        assertThat(belgian.json().get("vatNumber").asText()).isEqualTo("BE0123456749");

        Api.Reply removed = asTom.patch("/api/profile", java.util.Collections.singletonMap("vatNumber", null));
        assertThat(removed.status()).as(removed.body()).isEqualTo(200);
        assertThat(removed.json().get("vatNumber").isNull()).isTrue();
        assertThat(removed.json().get("country").asText()).isEqualTo("BE");
        assertThat(list(asTom, "/api/activity")).filteredOn(entry -> entry.get("action").asText().equals("PROFILE_CHANGED"))
                .extracting(entry -> entry.get("field").asText())
                .containsExactlyInAnyOrder("vatNumber", "country", "vatNumber", "vatNumber");
    }

    @Test
    void twoProfilesConfirmingTheSameEmailAtOnceEndInOneChangeAndOneConflictNotAServerError() {
        Profile first = fixtures.customer("Uma", Profile.Language.EN);
        Profile second = fixtures.customer("Vic", Profile.Language.EN);
        String wanted = "wanted-" + Fixtures.unique() + "@example.test";
        Actor actor = new Actor("test", "127.0.0.1");
        ProfileService.Change takeIt = new ProfileService.Change(wanted, null, Fixtures.PASSWORD, null, null, null, null);
        // both ask while the address is free, so both get a link; whoever holds the mailbox opens both
        profiles.change(first.id(), takeIt, actor);
        profiles.change(second.id(), takeIt, actor);
        String firstToken = confirmationToken(wanted, first);
        String secondToken = confirmationToken(wanted, second);

        WhileAnotherHolds.Race<ProfileService.Confirmation, ProfileService.Confirmation> race = WhileAnotherHolds.race(
                transaction, jdbc, () -> profiles.confirmEmail(first.id(), firstToken, actor),
                () -> profiles.confirmEmail(second.id(), secondToken, actor));

        assertThat(race.secondWaited()).as("the second waited on the unique index").isTrue();
        assertThat(race.first().orThrow()).isEqualTo(ProfileService.Confirmation.CONFIRMED);
        assertThat(profiles.get(first.id()).email()).isEqualTo(wanted);
        assertThat(race.second().failure()).isInstanceOf(ConflictException.class);
        assertThat(profiles.get(second.id()).email()).isEqualTo(second.email());
        assertThat(jdbc.queryForObject("select count(*) from activity where profile_id = ? and action = 'PROFILE_CHANGED'",
                Long.class, second.id())).isZero();
    }

    /**
     * The token of the confirmation link mailed to {@code to} for {@code profile}, told by the mail's key: the mail
     * itself names no profile (S9).
     */
    private String confirmationToken(String to, Profile profile) {
        mailbox.awaitMail(to, "Confirm your new email address");
        List<Mailbox.Envelope> envelopes = mailbox.envelopes();
        List<Mailbox.Mail> mails = mailbox.all();
        String link = java.util.stream.IntStream.range(0, Math.min(envelopes.size(), mails.size()))
                .filter(i -> envelopes.get(i).key().startsWith("profile:" + profile.id() + ":")
                        && envelopes.get(i).key().endsWith(":confirm"))
                .mapToObj(mails::get).findFirst()
                .orElseThrow(() -> new AssertionError("no confirmation link for " + profile.email())).link();
        assertThat(link).startsWith(PUBLIC_URL + "/profile/email/confirm?token=");
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private static void assertProblem(Api.Reply reply, int status, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(reply.json().get("field").asText()).isEqualTo(field);
        }
    }

    private static List<JsonNode> list(Api party, String path) {
        Api.Reply reply = party.get(path);
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return StreamSupport.stream(reply.json().spliterator(), false).toList();
    }
}
