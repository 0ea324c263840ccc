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
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * S3 on the running application: failed sign-ins at every door, and wrong accept-link tokens, get 429 with
 * Retry-After once past the budget, from that address only; the owner with the right password from another
 * address is never locked out. Each test speaks from its own loopback addresses (127.0.0.x), as distinct
 * clients would, so nothing here throttles the other tests, which speak from 127.0.0.1.
 */
// the default budget, which the shared context raises so that the other tests never throttle one another
@TestPropertySource(properties = "app.throttle.budget=10")
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
