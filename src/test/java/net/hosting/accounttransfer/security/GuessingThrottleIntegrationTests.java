package net.hosting.accounttransfer.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FromAddress;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * S3 on the running application: failed sign-ins at every door, and wrong accept-link tokens, get 429 with
 * Retry-After once past the budget, from that address only; the owner with the right password from another
 * address is never locked out. Each test speaks from its own loopback addresses (127.0.0.x), as distinct
 * clients would, so nothing here throttles the other tests, which speak from 127.0.0.1.
 */
// the default budget, which the shared context raises so that the other tests never throttle one another
// and a reverse proxy at 127.0.0.1 alone, the one address whose X-Forwarded-For counts (S8)
@TestPropertySource(properties = {"app.throttle.budget=10", "server.forward-headers-strategy=native",
        "server.tomcat.remoteip.trusted-proxies=127\\.0\\.0\\.1"})
class GuessingThrottleIntegrationTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger(20);

    /** The throttle's settings as the running application reads them (app.throttle.*). */
    @Value("${app.throttle.budget:10}")
    private int budget;

    @Value("${app.throttle.window:PT15M}")
    private Duration window;

    @Test
    void fortyWrongPasswordsOnTheApiGet429WithRetryAfterPastTheBudgetYetTheOwnerSignsInFromElsewhere()
            throws IOException {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        FromAddress stranger = client();

        List<Integer> statuses = new ArrayList<>();
        FromAddress.Reply last = null;
        for (int i = 0; i < 40; i++) {
            last = stranger.send("GET", "/api/profile", basic(alice.email(), "guess-" + i), null);
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, budget)).containsOnly(401);
        assertThat(statuses.subList(budget, 40)).containsOnly(429);
        assertTooManyProblem(last, "/api/profile");
        // the stranger's address is refused even with the right password: no password is checked past the budget
        assertThat(stranger.send("GET", "/api/profile", basic(alice.email(), Fixtures.PASSWORD), null).status())
                .isEqualTo(429);
        // alice, from her own address, is not locked out by him
        FromAddress.Reply owner = client().send("GET", "/api/profile", basic(alice.email(), Fixtures.PASSWORD), null);
        assertThat(owner.status()).as(owner.body()).isEqualTo(200);
        assertThat(JSON.readTree(owner.body()).get("email").asText()).isEqualTo(alice.email());
    }

    @Test
    void oneAddressGuessingManyEmailsIsThrottledToo() {
        FromAddress sprayer = client();
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i <= budget; i++) {
            statuses.add(sprayer.send("GET", "/api/accounts", basic("nobody-" + i + "@example.test", "x"), null)
                    .status());
        }
        assertThat(statuses).endsWith(429).containsOnly(401, 429).hasSize(budget + 1);
    }

    @Test
    void theSignInFormAnswersWithAPagePastTheBudgetAndTheOwnerStillSignsInElsewhere() {
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        FromAddress stranger = client();
        for (int i = 0; i < budget; i++) {
            FromAddress.Reply failed = stranger.postSignIn(bob.email(), "guess-" + i);
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location")).contains("/login?error");
        }

        FromAddress.Reply refused = stranger.postSignIn(bob.email(), Fixtures.PASSWORD);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, window.toSeconds());
        assertThat(refused.header("Content-Type")).startsWith("text/html");
        assertThat(refused.body()).contains("Too many attempts").contains("429");

        FromAddress.Reply owner = client().postSignIn(bob.email(), Fixtures.PASSWORD);
        assertThat(owner.status()).isEqualTo(302);
        assertThat(owner.header("Location")).doesNotContain("error");
    }

    @Test
    void camundasOwnSignInIsThrottled() {
        FromAddress stranger = client();
        for (int i = 0; i < budget; i++) {
            assertThat(camundaSignIn(stranger, "admin", "guess-" + i).status()).isEqualTo(401);
        }
        assertTooManyProblem(camundaSignIn(stranger, "admin", "admin"),
                "/camunda/api/admin/auth/user/default/login/cockpit");
        FromAddress.Reply staff = camundaSignIn(client(), "admin", "admin");
        assertThat(staff.status()).as(staff.body()).isEqualTo(200);
    }

    @Test
    void engineRestIsThrottled() {
        assertBasicDoorThrottled("/engine-rest/process-definition?key=AccountTransfer", "/engine-rest/process-definition");
    }

    @Test
    void actuatorIsThrottled() {
        assertBasicDoorThrottled("/actuator/metrics", "/actuator/metrics");
    }

    @Test
    void wrongAcceptLinkTokensAreThrottledPerAddressWithAPage() {
        FromAddress guesser = client();
        String path = "/transfers/" + UUID.randomUUID() + "?token=";
        for (int i = 0; i < budget; i++) {
            FromAddress.Reply wrong = guesser.send("GET", path + "guess" + i, english(), null);
            assertThat(wrong.status()).isEqualTo(404);
            assertThat(wrong.body()).contains("not valid");
        }

        FromAddress.Reply refused = guesser.send("GET", path + "guess-again", english(), null);
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(refused.body()).contains("Too many attempts");
        // another address still gets the ordinary answer
        assertThat(client().send("GET", path + "guess", english(), null).status()).isEqualTo(404);
    }

    /** Row 1 of issue 18, S7: a spelling of the path is the path, for the count and for the refusal alike. */
    @ParameterizedTest
    @CsvSource({"/api/profile, /%61pi/profile", "/%61pi/profile, /api/profile", "/api/%70rofile, /API/profile",
            "/actuator/prometheus, /%61ctuator/prometheus", "/%61ctuator/prometheus, /actuator/prometheus"})
    void wrongPasswordsOnAnySpellingCountAndThrottleEverySpelling(String guessed, String refused) {
        Profile alice = fixtures.customer("Alice", Profile.Language.FR);
        boolean customer = guessed.endsWith("profile");
        String user = customer ? alice.email() : "admin";
        String password = customer ? Fixtures.PASSWORD : "admin";
        FromAddress stranger = client();
        for (int i = 0; i < budget; i++) {
            FromAddress.Reply wrong = stranger.send("GET", guessed, basic(user, "guess-" + i), null);
            assertThat(wrong.status()).as(guessed + ": " + wrong.body()).isIn(400, 401);
        }

        FromAddress.Reply right = stranger.send("GET", refused, basic(user, password), null);

        assertThat(right.status()).as(refused + " after " + budget + " failures at " + guessed).isEqualTo(429);
        assertThat(right.header("Retry-After")).matches("[1-9][0-9]*");
    }

    /** Row 1 of issue 18: the sign-in form spelt /%6cogin is the sign-in form, counted and refused. */
    @Test
    void theSignInFormSpeltWithAnEncodedLetterIsCountedAndRefused() {
        Profile bob = fixtures.customer("Bob", Profile.Language.EN);
        FromAddress stranger = client();
        for (int i = 0; i < budget; i++) {
            FromAddress.Session form = stranger.visit("/login", null);
            FromAddress.Reply failed = stranger.send("POST", "/%6cogin", Map.of("Cookie", form.cookies(),
                    "Accept", "text/html", "Content-Type", "application/x-www-form-urlencoded"),
                    form.form("username=" + FromAddress.encode(bob.email()) + "&password=guess-" + i));
            assertThat(failed.status()).isEqualTo(302);
            assertThat(failed.header("Location")).contains("/login?error");
        }

        assertThat(stranger.postSignIn(bob.email(), Fixtures.PASSWORD).status()).isEqualTo(429);
        FromAddress.Session form = stranger.visit("/login", null);
        assertThat(stranger.send("POST", "/%6cogin", Map.of("Cookie", form.cookies(), "Accept", "text/html",
                "Content-Type", "application/x-www-form-urlencoded"), form.form("username="
                + FromAddress.encode(bob.email()) + "&password=" + FromAddress.encode(Fixtures.PASSWORD))).status())
                .isEqualTo(429);
    }

    /** Row 3 of issue 18, S8: the current password of a profile change is a password check like any other. */
    @Test
    void wrongCurrentPasswordsOfAProfileChangeAreThrottled() {
        Profile carl = fixtures.customer("Carl", Profile.Language.EN);
        String token = api.as(carl.email(), Fixtures.PASSWORD).post("/api/tokens", Map.of("name", "stolen"))
                .json().get("token").asText();
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token, "Accept", "application/json",
                "Content-Type", "application/json");
        FromAddress thief = client();
        for (int i = 0; i < budget; i++) {
            FromAddress.Reply wrong = thief.send("PATCH", "/api/profile", bearer,
                    "{\"password\":\"taken-over-99\",\"currentPassword\":\"guess-" + i + "\"}");
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(422);
        }

        FromAddress.Reply right = thief.send("PATCH", "/api/profile", bearer,
                "{\"password\":\"taken-over-99\",\"currentPassword\":\"" + Fixtures.PASSWORD + "\"}");

        assertTooManyProblem(right, "/api/profile");
        // the guesses counted for the profile's email at every door from that address
        assertThat(thief.send("GET", "/api/profile", basic(carl.email(), Fixtures.PASSWORD), null).status())
                .isEqualTo(429);
        // and nothing changed: the owner still signs in with the old password from elsewhere
        assertThat(client().send("GET", "/api/profile", basic(carl.email(), Fixtures.PASSWORD), null).status())
                .isEqualTo(200);
    }

    /** Row 10 of issue 18, S8: behind the trusted proxy each client has its own budget. */
    @Test
    void clientsBehindTheTrustedProxyAreCountedApart() {
        FromAddress proxy = new FromAddress("127.0.0.1", port);
        for (int i = 0; i < budget; i++) {
            assertThat(proxy.send("GET", "/api/profile", forwardedFor("198.51.100.7",
                    basic("nobody@example.test", "guess-" + i)), null).status()).isEqualTo(401);
        }
        assertThat(proxy.send("GET", "/api/profile", forwardedFor("198.51.100.7",
                basic("nobody@example.test", "x")), null).status()).isEqualTo(429);
        assertThat(proxy.send("GET", "/api/profile", forwardedFor("198.51.100.8",
                basic("nobody@example.test", "x")), null).status()).as("another client behind the same proxy")
                .isEqualTo(401);
    }

    /** Row 10 of issue 18, S8: X-Forwarded-For from any other address is ignored; it neither hides nor frames. */
    @Test
    void aForgedForwardedForFromAnUntrustedAddressChangesNothing() {
        FromAddress forger = client();
        for (int i = 0; i < budget; i++) {
            // a new address each time, as a botnet's client would claim, to escape the count
            assertThat(forger.send("GET", "/api/profile", forwardedFor("203.0.113." + (i + 1),
                    basic("nobody@example.test", "guess-" + i)), null).status()).isEqualTo(401);
        }
        assertThat(forger.send("GET", "/api/profile", forwardedFor("203.0.113.99",
                basic("nobody@example.test", "x")), null).status()).as("counted as the forger itself").isEqualTo(429);
        // nor did the forged address get blamed: through the proxy, 203.0.113.1 still has its whole budget
        assertThat(new FromAddress("127.0.0.1", port).send("GET", "/api/profile", forwardedFor("203.0.113.1",
                basic("nobody@example.test", "x")), null).status()).isEqualTo(401);
    }

    /** Row 11 of issue 18, S12: a request that came over HTTPS to the proxy gets a Secure session cookie. */
    @Test
    void theSessionCookieIsSecureWhenTheProxySaysHttps() {
        FromAddress.Reply https = new FromAddress("127.0.0.1", port).send("GET", "/login",
                Map.of("X-Forwarded-For", "198.51.100.9", "X-Forwarded-Proto", "https", "Accept", "text/html"), null);
        FromAddress.Reply forged = client().send("GET", "/login",
                Map.of("X-Forwarded-Proto", "https", "Accept", "text/html"), null);

        assertThat(https.all("Set-Cookie")).isNotEmpty().allSatisfy(cookie -> assertThat(cookie).contains("Secure"));
        assertThat(forged.all("Set-Cookie")).isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).doesNotContain("Secure"));
    }

    private static Map<String, String> forwardedFor(String client, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(headers);
        all.put("X-Forwarded-For", client);
        return all;
    }

    private void assertBasicDoorThrottled(String path, String instance) {
        FromAddress stranger = client();
        for (int i = 0; i < budget; i++) {
            assertThat(stranger.send("GET", path, basic("admin", "guess-" + i), null).status()).isEqualTo(401);
        }
        assertTooManyProblem(stranger.send("GET", path, basic("admin", "admin"), null), instance);
        FromAddress.Reply staff = client().send("GET", path, basic("admin", "admin"), null);
        assertThat(staff.status()).as(staff.body()).isEqualTo(200);
    }

    private void assertTooManyProblem(FromAddress.Reply reply, String instance) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(429);
        assertThat(Long.parseLong(reply.header("Retry-After"))).isBetween(1L, window.toSeconds());
        assertThat(reply.header("Content-Type")).startsWith("application/problem+json");
        try {
            JsonNode problem = JSON.readTree(reply.body());
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("detail").asText()).contains(reply.header("Retry-After"));
            assertThat(problem.get("instance").asText()).isEqualTo(instance);
        } catch (IOException e) {
            throw new AssertionError(reply.body(), e);
        }
    }

    /** Camunda's web apps sign in with a form post, carrying the CSRF cookie and header the app was given. */
    private static FromAddress.Reply camundaSignIn(FromAddress client, String user, String password) {
        FromAddress.Reply app = client.send("GET", "/camunda/app/cockpit/default/", Map.of(), null);
        String cookies = FromAddress.cookies(app);
        Matcher xsrf = Pattern.compile("XSRF-TOKEN=([^;]+)").matcher(cookies);
        return client.send("POST", "/camunda/api/admin/auth/user/default/login/cockpit",
                Map.of("Cookie", cookies, "X-XSRF-TOKEN", xsrf.find() ? xsrf.group(1) : "none",
                        "Content-Type", "application/x-www-form-urlencoded", "Accept", "application/json"),
                "username=" + FromAddress.encode(user) + "&password=" + FromAddress.encode(password));
    }

    private FromAddress client() {
        return new FromAddress("127.0.0." + NEXT_ADDRESS.getAndIncrement(), port);
    }

    private static Map<String, String> basic(String user, String password) {
        return Map.of("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)), "Accept", "application/json");
    }

    private static Map<String, String> english() {
        return Map.of("Accept-Language", "en", "Accept", "text/html");
    }

}
