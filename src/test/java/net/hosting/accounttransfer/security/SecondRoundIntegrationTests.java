package net.hosting.accounttransfer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.history.Actor;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.profile.ProfileService;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FromAddress;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.Mailbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Issue 18's rows as an attacker tried them, through the real filter chain on the embedded PostgreSQL: each test
 * names its row of the issue and the rule of PRODUCT.md it checks. The throttle's rows (1, 3, 10) are in
 * {@link GuessingThrottleIntegrationTests}, which runs with the default budget.
 */
class SecondRoundIntegrationTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(1);
    private static final String CONFIRM_SUBJECT = "Confirm your new email address";

    @Autowired
    private ProfileService profiles;

    /** Row 2, S7: a stolen token mints, lists and revokes nothing, whichever way /api/tokens is spelt. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/tokens", "/%61pi/tokens", "/api/%74okens", "/api/tokens/", "/api/%74okens/",
            "/API/tokens", "/api/TOKENS", "//api/tokens", "/api//tokens", "/api/%2e/tokens", "/api/./tokens",
            "/api/x/../tokens", "/api/tokens;x=1", "/api/%2e%2e/api/tokens"})
    void aBearerTokenReachesNoSpellingOfTheTokenManagement(String spelling) {
        Profile owner = fixtures.customer("Owner", Profile.Language.EN);
        String token = api.as(owner.email(), Fixtures.PASSWORD).post("/api/tokens", Map.of("name", "ci"))
                .json().get("token").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token, "Accept", "application/json",
                "Content-Type", "application/json");

        FromAddress.Reply minted = client().send("POST", spelling, bearer, "{\"name\":\"stolen\"}");
        FromAddress.Reply listed = client().send("GET", spelling, bearer, null);

        assertThat(minted.status()).as(spelling + ": " + minted.body()).isBetween(400, 499);
        assertThat(listed.status()).as(spelling + ": " + listed.body()).isBetween(300, 499).isNotEqualTo(304);
        List<JsonNode> tokens = list(api.as(owner.email(), Fixtures.PASSWORD).get("/api/tokens"));
        assertThat(tokens).as("only the owner's own token").hasSize(1);
    }

    /** Row 4, S9: five email changes a day, each replacing the last, and mails with nothing the requester typed. */
    @Test
    void theSixthEmailChangeOfADayIsRefusedAndEachNewRequestEndsThePendingLink() {
        Profile mallory = fixtures.customer("Mallory", Profile.Language.EN);
        Api as = api.as(mallory.email(), Fixtures.PASSWORD);
        assertThat(as.patch("/api/profile", Map.of("name", "URGENT pay at http://scam.test")).status())
                .isEqualTo(200);
        String first = "stranger0-" + Fixtures.unique() + "@victim.test";
        for (int n = 0; n < 5; n++) {
            String to = n == 0 ? first : "stranger" + n + "-" + Fixtures.unique() + "@victim.test";
            Api.Reply asked = as.patch("/api/profile", Map.of("email", to, "currentPassword", Fixtures.PASSWORD));
            assertThat(asked.status()).as(asked.body()).isEqualTo(202);
        }

        Api.Reply sixth = as.patch("/api/profile", Map.of("email", "stranger5-" + Fixtures.unique() + "@victim.test",
                "currentPassword", Fixtures.PASSWORD));

        assertThat(sixth.status()).as(sixth.body()).isEqualTo(429);
        assertThat(sixth.contentType()).startsWith("application/problem+json");
        assertThat(sixth.header("Retry-After")).matches("[1-9][0-9]*");
        List<Mailbox.Mail> links = mailbox.all().stream().filter(m -> m.subject().equals(CONFIRM_SUBJECT)).toList();
        assertThat(links).hasSize(5);
        assertThat(links).allSatisfy(mail -> assertThat(mail.text() + mail.html())
                .doesNotContain("URGENT").doesNotContain("scam.test").doesNotContain(mallory.email()));
        String firstToken = tokenOf(mailbox.awaitMail(first, CONFIRM_SUBJECT));
        assertThat(profiles.confirmEmail(mallory.id(), firstToken, actor(mallory)))
                .as("a newer request replaced the first").isEqualTo(ProfileService.Confirmation.INVALID);
        assertThat(profiles.get(mallory.id()).email()).isEqualTo(mallory.email());
    }

    /** Row 5, S10: a password changed through the API ends the page sessions and the pending link, not the tokens. */
    @Test
    void aPasswordChangeEndsEveryOtherSessionAndPendingLinkButNoApiToken() {
        Profile pat = fixtures.customer("Pat", Profile.Language.EN);
        FromAddress.Session page = client().signIn(pat.email(), Fixtures.PASSWORD);
        assertThat(visit(page, "/profile").status()).isEqualTo(200);
        Api basic = api.as(pat.email(), Fixtures.PASSWORD);
        String token = basic.post("/api/tokens", Map.of("name", "ci")).json().get("token").asText();
        String next = "pat.next-" + Fixtures.unique() + "@example.test";
        assertThat(basic.patch("/api/profile", Map.of("email", next, "currentPassword", Fixtures.PASSWORD)).status())
                .isEqualTo(202);
        String link = tokenOf(mailbox.awaitMail(next, CONFIRM_SUBJECT));

        Api.Reply changed = basic.patch("/api/profile",
                Map.of("password", "a-new-secret-99", "currentPassword", Fixtures.PASSWORD));

        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        FromAddress.Reply old = visit(page, "/profile");
        assertThat(old.status()).as("the old page session is signed out").isEqualTo(302);
        assertThat(old.header("Location")).endsWith("/login");
        assertThat(profiles.confirmEmail(pat.id(), link, actor(pat))).isEqualTo(ProfileService.Confirmation.INVALID);
        assertThat(api.withToken(token).get("/api/profile").status()).as("tokens stay until revoked").isEqualTo(200);
    }

    /** Row 5, S10: the page that changes the password stays signed in; the profile's other pages do not. */
    @Test
    void aPasswordChangeOnThePageKeepsThatPageSignedIn() {
        Profile quinn = fixtures.customer("Quinn", Profile.Language.EN);
        FromAddress.Session other = client().signIn(quinn.email(), Fixtures.PASSWORD);
        FromAddress.Session mine = client().signIn(quinn.email(), Fixtures.PASSWORD);
        FromAddress.Session form = client().visit("/profile", mine);

        FromAddress.Reply changed = client().send("POST", "/profile/password", Map.of("Cookie", form.cookies(),
                "Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"), form.form(
                "currentPassword=" + FromAddress.encode(Fixtures.PASSWORD)
                        + "&newPassword=a-new-secret-99&confirmation=a-new-secret-99"));

        assertThat(changed.status()).as(changed.body()).isEqualTo(302);
        // the page's session got a new id with the new password, as a browser keeps it
        FromAddress.Session renewed = new FromAddress.Session(FromAddress.cookies(changed), "");
        assertThat(visit(renewed, "/profile").status()).isEqualTo(200);
        assertThat(visit(other, "/profile").status()).isEqualTo(302);
    }

    /** Row 6, T2: no offer to an address the sender asked to change to. */
    @Test
    void anOfferToTheAddressTheSenderAskedToChangeToIsRefused() {
        Sender alice = new Sender();
        alice.asksToChangeEmail();

        Api.Reply offer = alice.offer(alice.next.toUpperCase(java.util.Locale.ROOT));

        assertThat(offer.status()).as(offer.body()).isEqualTo(422);
        assertThat(offer.json().get("reason").asText()).isEqualTo("OWN_EMAIL");
    }

    /** Row 6, T2: an offer made before the sender took the recipient's address cannot be accepted by the sender. */
    @Test
    void theSenderCannotAcceptItsOwnOfferAfterTakingTheRecipientsAddress() {
        Sender alice = new Sender();
        Api.Reply offer = alice.offer(alice.next);
        assertThat(offer.status()).as(offer.body()).isEqualTo(201);
        String id = offer.json().get("id").asText();
        alice.asksToChangeEmail();
        String next = alice.next;
        assertThat(profiles.confirmEmail(alice.profile.id(), tokenOf(mailbox.awaitMail(next, CONFIRM_SUBJECT)),
                actor(alice.profile))).isEqualTo(ProfileService.Confirmation.CONFIRMED);

        Api.Reply accepted = api.as(next, Fixtures.PASSWORD).post("/api/transfers/" + id + "/accept", null);

        assertThat(accepted.status()).as(accepted.body()).isEqualTo(422);
        assertThat(accepted.json().get("reason").asText()).isEqualTo("OWN_EMAIL");
        assertThat(api.as(next, Fixtures.PASSWORD).get("/api/transfers/" + id).json().get("status").asText())
                .isEqualTo("PENDING");
    }

    /** Row 7, S11: NUL in each text field of the API is a 422 naming the field, never the database's 500. */
    @Test
    void aNulInAnyApiTextFieldIsA422NamingTheField() {
        Profile nina = fixtures.customer("Nina", Profile.Language.EN);
        Profile rob = fixtures.customer("Rob", Profile.Language.EN);
        Account account = fixtures.paidAccount(nina, "9.99", BillingCycle.MONTHLY, 10);
        Api as = api.as(nina.email(), Fixtures.PASSWORD);
        assertField(as.post("/api/tickets", Map.of("subject", "Help\u0000", "message", "Hello")), "subject");
        assertField(as.post("/api/tickets", Map.of("subject", "Help", "message", "Hel\u0000lo")), "message");
        assertField(as.post("/api/tokens", Map.of("name", "ci\u0000")), "name");
        assertField(as.patch("/api/profile", Map.of("name", "Ni\u0000na")), "name");
        assertField(as.patch("/api/profile", Map.of("company", "Co\u0007")), "company");
        assertField(as.post("/api/transfers", Map.of("account", "site\u0000", "recipientEmail", rob.email(),
                "billingMode", "IMMEDIATE")), "account");
        String id = as.post("/api/transfers", Map.of("account", account.name(), "recipientEmail", rob.email(),
                "billingMode", "IMMEDIATE")).json().get("id").asText();
        assertField(api.as(rob.email(), Fixtures.PASSWORD).post("/api/transfers/" + id + "/decline",
                Map.of("reason", "no\u0000")), "reason");
        // a multi-line field keeps its lines and tabs
        assertThat(as.post("/api/tickets", Map.of("subject", "Help", "message", "Line one\r\n\tLine two")).status())
                .isEqualTo(201);
        assertThat(api.as(rob.email(), Fixtures.PASSWORD).post("/api/transfers/" + id + "/decline",
                Map.of("reason", "Not now,\nthanks")).status()).isEqualTo(200);
    }

    /** Row 7, S11: the pages share the API's check, and say which field. */
    @Test
    void aNulInAPageFormIsRefusedBesideItsField() {
        Profile olga = fixtures.customer("Olga", Profile.Language.EN);
        FromAddress.Session page = client().signIn(olga.email(), Fixtures.PASSWORD);
        FromAddress.Session form = client().visit("/history", page);

        FromAddress.Reply refused = client().send("POST", "/history/tickets", Map.of("Cookie", form.cookies(),
                "Accept", "text/html", "Accept-Language", "en", "Content-Type", "application/x-www-form-urlencoded"),
                form.form("subject=Help%00me&message=Hello"));

        assertThat(refused.status()).as(refused.body()).isEqualTo(422);
        assertThat(refused.body()).contains("control character").contains("subject-error");
    }

    /** Row 7, S11: a NUL in a Basic or form user name is a failed sign-in, never a 500. */
    @Test
    void aNulInASignInNameIsAFailedSignIn() {
        for (String path : List.of("/api/profile", "/actuator/prometheus", "/engine-rest/user")) {
            FromAddress.Reply basic = client().send("GET", path, Map.of("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString("admin\u0000x:admin".getBytes(StandardCharsets.UTF_8))), null);
            assertThat(basic.status()).as(path + ": " + basic.body()).isEqualTo(401);
        }
        FromAddress.Reply form = client().postSignIn("alice\u0000@example.test", "demo");
        assertThat(form.status()).isEqualTo(302);
        assertThat(form.header("Location")).contains("/login?error");
    }

    /** Row 8, S11: Camunda's paths spelt with an encoded letter or a doubled slash answer 400, never 500. */
    @ParameterizedTest
    @ValueSource(strings = {"/camunda/%61pi/admin/auth/user/default", "/camunda/%61pi/engine/engine/default/user",
            "/%65ngine-rest/user", "/engine-rest/%75ser", "/%63amunda/app/cockpit/default/",
            "/camunda//api/admin/auth/user/default", "/engine-rest//user"})
    void camundasPathsWithAnEncodedLetterOrDoubledSlashAnswer400(String path) {
        FromAddress.Reply reply = client().send("GET", path, Map.of("Accept", "application/json"), null);
        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    }

    /** Row 8, S11: a choice far past the form's list is the client's mistake, not a 500. */
    @Test
    void aChoiceFarPastTheTransferFormsListIsA400() {
        Profile sam = fixtures.customer("Sam", Profile.Language.EN);
        FromAddress.Session page = client().visit("/accounts/transfer",
                client().signIn(sam.email(), Fixtures.PASSWORD));

        FromAddress.Reply reply = client().send("POST", "/accounts/transfer/preview", Map.of("Cookie", page.cookies(),
                "Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"),
                page.form("choices%5B5000%5D.account=x&choices%5B5000%5D.selected=true"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    }

    /** Row 9, S6 and S11: a method no address serves is a 405 problem under /api, TRACE included. */
    @ParameterizedTest
    @ValueSource(strings = {"TRACE", "PROPFIND", "FOO"})
    void anUnknownMethodUnderTheApiIsA405Problem(String method) throws IOException {
        FromAddress.Reply reply = client().send(method, "/api/profile", Map.of("Accept", "application/json"), null);

        assertThat(reply.status()).as(reply.body()).isEqualTo(405);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        assertThat(reply.header("Allow")).contains("GET");
        assertThat(JSON.readTree(reply.body()).get("detail").asText()).contains(method);
    }

    /** S6 and S7: an error on an encoded spelling of an API path is the API's problem, not a page. */
    @Test
    void anErrorOnAnEncodedApiPathIsAProblemEvenToABrowser() {
        Profile una = fixtures.customer("Una", Profile.Language.EN);
        FromAddress.Reply reply = client().send("GET", "/%61pi/nothing-here", Map.of("Accept", "text/html",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (una.email() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8))), null);

        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
    }

    /** Row 11, S12: pages forbid inline script and send no referrer; the session cookie is not Secure over HTTP. */
    @Test
    void pagesSendTheirPolicyAndNoReferrer() {
        FromAddress.Reply page = client().send("GET", "/login", Map.of("Accept", "text/html"), null);

        String policy = page.header("Content-Security-Policy");
        assertThat(policy).contains("script-src 'self'").contains("object-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.all("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie)
                .containsIgnoringCase("HttpOnly").doesNotContainIgnoringCase("Secure"));
    }

    /** A sender with an account, and the address it may come to use. */
    private final class Sender {

        final Profile profile = fixtures.customer("Alice", Profile.Language.EN);
        final Account account = fixtures.paidAccount(profile, "9.99", BillingCycle.MONTHLY, 10);
        final Api as = api.as(profile.email(), Fixtures.PASSWORD);
        final String next = "alice.next-" + Fixtures.unique() + "@example.test";

        void asksToChangeEmail() {
            assertThat(as.patch("/api/profile", Map.of("email", next, "currentPassword", Fixtures.PASSWORD))
                    .status()).isEqualTo(202);
        }

        Api.Reply offer(String recipient) {
            return as.post("/api/transfers", Map.of("account", account.name(), "recipientEmail", recipient,
                    "billingMode", "IMMEDIATE"));
        }
    }

    private static void assertField(Api.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.json().get("field").asText()).isEqualTo(field);
        assertThat(reply.json().get("reason").asText()).isEqualTo("CONTROL_CHARACTER");
    }

    private FromAddress.Reply visit(FromAddress.Session session, String path) {
        return client().send("GET", path, Map.of("Cookie", session.cookies(), "Accept", "text/html"), null);
    }

    private static List<JsonNode> list(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return java.util.stream.StreamSupport.stream(reply.json().spliterator(), false).toList();
    }

    private static String tokenOf(Mailbox.Mail mail) {
        return mail.link().substring(mail.link().indexOf("token=") + "token=".length());
    }

    private static Actor actor(Profile profile) {
        return new Actor(profile.email(), "127.0.0.1");
    }

    /** Each test speaks from its own loopback addresses, apart from the other tests' 127.0.0.1. */
    private FromAddress client() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return new FromAddress("127.3." + (n / 250) + "." + (n % 250 + 1), port);
    }
}
