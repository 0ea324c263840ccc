package net.hosting.accounttransfer.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FromAddress;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may do what, route by route: every route the application serves has a row, and each row says what
 * anonymous, the sender, the recipient, a third profile and staff get, asserted against the running app.
 * The rows of our own routes are checked against Spring MVC's handler mappings, so a new endpoint without a
 * row fails {@link #everyRouteTheApplicationServesHasARow()}. Camunda's own routes (Jersey) are not in those
 * mappings; the ones that matter have explicit rows.
 *
 * <p>To add a route: add one line to {@link #ROWS} with {@code api(...)} (HTTP Basic), {@code page(...)} (a
 * signed-in page session with its CSRF token) or {@code staff(...)} (Camunda and operations, HTTP Basic), and
 * mark it {@code changing()} when a success changes something, so the row gets a world of its own.
 */
class AuthorizationMatrixIntegrationTests extends IntegrationTest {

    /** Every cell speaks from its own loopback address, so refusals here never throttle one another. */
    private static final AtomicInteger NEXT_ADDRESS = new AtomicInteger();

    enum Who { ANONYMOUS, SENDER, RECIPIENT, THIRD, STAFF }

    enum Door { API, PAGE, STAFF }

    /**
     * One route and what each column gets. {@code {transfer}}, {@code {ticket}}, {@code {token}} and {@code {invoice}}
     * in the path and body stand for the world's pending transfer, the sender's ticket, API token and paid invoice; {@code {account}}
     * for the transferred account and {@code {recipient}} for the recipient's email.
     */
    record Row(String route, Door door, String path, String body, Map<Who, Integer> expected, boolean changes) {

        Row changing() {
            return new Row(route, door, path, body, expected, true);
        }

        String method() {
            return route.substring(0, route.indexOf(' '));
        }

        @Override
        public String toString() {
            return route;
        }
    }

    static final List<Row> ROWS = List.of(
            // JSON API, HTTP Basic with a profile's email; staff are not customers
            api("GET /api/profile", null, 401, 200, 200, 200, 401),
            api("PATCH /api/profile", "{\"name\":\"Renamed\"}", 401, 200, 200, 200, 401).changing(),
            api("GET /api/accounts", null, 401, 200, 200, 200, 401),
            api("GET /api/invoices", null, 401, 200, 200, 200, 401),
            // a document and its PDF are its profile's alone (D1): anyone else learns nothing of it
            api("GET /api/invoices/{number} -> /api/invoices/{invoice}", null, 401, 200, 404, 404, 401),
            api("GET /api/invoices/{number}/pdf -> /api/invoices/{invoice}/pdf", null, 401, 200, 404, 404, 401),
            api("GET /api/activity", null, 401, 200, 200, 200, 401),
            api("GET /api/tickets", null, 401, 200, 200, 200, 401),
            api("POST /api/tickets", "{\"subject\":\"Matrix\",\"message\":\"Hello\"}", 401, 201, 201, 201, 401)
                    .changing(),
            api("GET /api/tickets/{id} -> /api/tickets/{ticket}", null, 401, 200, 404, 404, 401),
            api("GET /api/transfers -> /api/transfers?role=received", null, 401, 200, 200, 200, 401),
            // the account already has a pending transfer: its owner gets 409, anyone else learns nothing (T1)
            api("POST /api/transfers", "{\"account\":\"{account}\",\"recipientEmail\":\"{recipient}\","
                    + "\"billingMode\":\"IMMEDIATE\"}", 401, 409, 404, 404, 401),
            api("GET /api/transfers/{id} -> /api/transfers/{transfer}", null, 401, 200, 200, 404, 401),
            api("POST /api/transfers/{id}/cancel -> /api/transfers/{transfer}/cancel", null, 401, 200, 403, 404, 401)
                    .changing(),
            api("POST /api/transfers/{id}/accept -> /api/transfers/{transfer}/accept", null, 401, 403, 200, 404, 401)
                    .changing(),
            api("POST /api/transfers/{id}/decline -> /api/transfers/{transfer}/decline", "{\"reason\":\"No\"}",
                    401, 403, 200, 404, 401).changing(),
            // customer pages, a signed-in session; anonymous and staff are sent to the sign-in form
            // personal API tokens: only with the password (Basic) or a page session, each profile its own
            api("GET /api/tokens", null, 401, 200, 200, 200, 401),
            api("POST /api/tokens", "{\"name\":\"matrix\"}", 401, 201, 201, 201, 401).changing(),
            api("DELETE /api/tokens/{id} -> /api/tokens/{token}", null, 401, 204, 404, 404, 401).changing(),
            // the API's description is public
            staff("GET /v3/api-docs", null, 200, 200, 200, 200, 200),
            staff("GET /v3/api-docs.yaml", null, 200, 200, 200, 200, 200),
            staff("GET /v3/api-docs/swagger-config", null, 200, 200, 200, 200, 200),
            staff("GET /swagger-ui.html", null, 302, 302, 302, 302, 302),
            page("GET /", null, 302, 200, 200, 200, 302),
            page("GET /login", null, 200, 302, 302, 302, 200),
            page("POST /login", "username=nobody%40example.test&password=x", 302, 302, 302, 302, 302),
            page("GET /signup", null, 404, 404, 404, 404, 404),
            page("POST /signup", "transfer={transfer}&token=wrong", 404, 404, 404, 404, 404),
            page("GET /accounts/transfer", null, 302, 200, 200, 200, 302),
            page("POST /accounts/transfer/preview", "accounts=&recipients=", 302, 422, 422, 422, 302),
            page("POST /accounts/transfer/edit", "", 302, 200, 200, 200, 302),
            page("POST /accounts/transfer/confirm", "", 302, 422, 422, 422, 302),
            page("GET /history", null, 302, 200, 200, 200, 302),
            page("GET /history/invoices/{number}/pdf -> /history/invoices/{invoice}/pdf", null, 302, 200, 404, 404, 302),
            page("POST /history/tickets", "subject=Matrix&message=Hello", 302, 302, 302, 302, 302).changing(),
            page("GET /profile", null, 302, 200, 200, 200, 302),
            page("POST /profile", "name=Renamed&locale=en&address=1+Test+Street", 302, 422, 422, 422, 302)
                    .changing(),
            page("POST /profile/password", "currentPassword=wrong&password=new-secret-99&confirmation=new-secret-99",
                    302, 422, 422, 422, 302),
            page("POST /profile/tokens", "name=matrix", 302, 302, 302, 302, 302).changing(),
            page("POST /profile/tokens/{id}/revoke -> /profile/tokens/{token}/revoke", "", 302, 302, 302, 302, 302)
                    .changing(),
            page("GET /profile/email/confirm -> /profile/email/confirm?token=wrong", null, 302, 302, 302, 302, 302),
            page("GET /transfers", null, 302, 200, 200, 200, 302),
            page("GET /transfers/{id} -> /transfers/{transfer}", null, 302, 200, 200, 404, 302),
            page("POST /transfers/{id}/cancel -> /transfers/{transfer}/cancel", "", 302, 302, 403, 404, 302)
                    .changing(),
            page("POST /transfers/{id}/accept -> /transfers/{transfer}/accept", "", 302, 403, 302, 404, 302)
                    .changing(),
            page("POST /transfers/{id}/decline -> /transfers/{transfer}/decline", "reason=No", 302, 403, 302, 404,
                    302).changing(),
            // Camunda and operations: staff only; the first-user setup is closed to everyone (S2)
            staff("GET /engine-rest/process-definition", null, 401, 401, 401, 401, 200),
            staff("POST /camunda/api/admin/setup/default/user/create",
                    "{\"profile\":{\"id\":\"matrix\"},\"credentials\":{\"password\":\"Matrix-pw-1\"}}",
                    403, 403, 403, 403, 403),
            // health is public, but credentials that are given must be right
            staff("GET /actuator/health", null, 200, 401, 401, 401, 200),
            staff("GET /actuator/prometheus", null, 401, 401, 401, 401, 200));

    /** Routes of our own handler mappings that are no customer's business: the error page every error goes to. */
    private static final Set<String> NOT_ROUTES = Set.of("GET /error", "POST /error", "PUT /error", "PATCH /error",
            "DELETE /error", "HEAD /error", "OPTIONS /error", "TRACE /error");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private static World shared;

    @Test
    void everyRouteTheApplicationServesHasARow() {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            Set<String> methods = new TreeSet<>();
            info.getMethodsCondition().getMethods().forEach(method -> methods.add(method.name()));
            if (methods.isEmpty()) {
                methods.addAll(List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"));
            }
            info.getPatternValues().forEach(pattern -> methods.forEach(method -> served.add(method + " " + pattern)));
        });
        served.removeAll(NOT_ROUTES);
        Set<String> rows = new TreeSet<>(ROWS.stream().map(row -> row.route().split(" -> ")[0]).toList());

        assertThat(rows).as("rows of AuthorizationMatrixIntegrationTests.ROWS; add a row for each new route")
                .containsAll(served);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachColumnGetsItsStatus(Row row) {
        World world = row.changes() ? new World() : shared();
        Map<Who, Integer> actual = new EnumMap<>(Who.class);
        // refusals first, so that a success (a cancel, an accept) never changes what a refusal meets
        row.expected().entrySet().stream().sorted(Comparator.comparing(e -> e.getValue() < 400))
                .forEach(cell -> actual.put(cell.getKey(), world.send(row, cell.getKey())));

        assertThat(actual).as("%s: anonymous, sender, recipient, third profile, staff", row.route())
                .isEqualTo(row.expected());
    }

    static Stream<Row> rows() {
        return ROWS.stream();
    }

    /**
     * Issue 18 (S7): every path of a row spelt another way, an encoded letter ({@code %61}), an encoded dot segment
     * ({@code %2e}), a doubled slash or upper case, opens nothing its row refuses, and never answers 5xx.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("spellings")
    void noOtherSpellingOfAPathOpensWhatItsRowRefuses(String spelling, Row row) {
        World world = shared();
        for (Who who : Who.values()) {
            int canonical = row.expected().get(who);
            int actual = world.send(row, who);
            assertThat(actual).as("%s as %s", spelling, who).isLessThan(500);
            if (canonical >= 300) {
                assertThat(actual).as("%s as %s, refused %d as spelt in its row", spelling, who, canonical)
                        .isGreaterThanOrEqualTo(300);
            }
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> spellings() {
        return ROWS.stream().filter(row -> !row.changes() && !row.path().equals("/")).flatMap(row -> Stream.of(
                        encodedLetter(row.path()), encodedDot(row.path()), doubledSlash(row.path()),
                        upperCase(row.path()))
                .map(path -> org.junit.jupiter.params.provider.Arguments.of(row.method() + " " + path,
                        new Row(row.route(), row.door(), path, row.body(), row.expected(), false))));
    }

    private static String encodedLetter(String path) {
        return "/%" + Integer.toHexString(path.charAt(1)) + path.substring(2);
    }

    private static String encodedDot(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? "/%2e" + path : path.substring(0, second) + "/%2e" + path.substring(second);
    }

    private static String doubledSlash(String path) {
        int second = path.indexOf('/', 1);
        return second < 0 ? "/" + path : path.substring(0, second) + "/" + path.substring(second);
    }

    private static String upperCase(String path) {
        int end = path.indexOf('/', 1);
        end = end < 0 ? (path.indexOf('?') < 0 ? path.length() : path.indexOf('?')) : end;
        return path.substring(0, end).toUpperCase(java.util.Locale.ROOT) + path.substring(end);
    }

    private World shared() {
        if (shared == null) {
            shared = new World();
        }
        return shared;
    }

    /** A sender with an account offered to a recipient (pending), a third profile, and a ticket of the sender. */
    private final class World {

        final Map<Who, Profile> profiles = new EnumMap<>(Who.class);
        final Map<Who, FromAddress.Session> sessions = new EnumMap<>(Who.class);
        final Account account;
        final String transferId;
        final String ticketId;
        final String invoiceNumber;
        final String tokenId;

        World() {
            profiles.put(Who.SENDER, fixtures.customer("Sender", Profile.Language.EN));
            profiles.put(Who.RECIPIENT, fixtures.customer("Recipient", Profile.Language.EN));
            profiles.put(Who.THIRD, fixtures.customer("Third", Profile.Language.EN));
            account = fixtures.paidAccount(profiles.get(Who.SENDER), "9.99", BillingCycle.MONTHLY, 10);
            Api sender = api.as(profiles.get(Who.SENDER).email(), Fixtures.PASSWORD);
            Api.Reply started = sender.post("/api/transfers", Map.of("account", account.name(),
                    "recipientEmail", profiles.get(Who.RECIPIENT).email(), "billingMode", "IMMEDIATE"));
            assertThat(started.status()).as(started.body()).isEqualTo(201);
            transferId = started.json().get("id").asText();
            Api.Reply ticket = sender.post("/api/tickets", Map.of("subject", "Mine", "message", "Only mine"));
            assertThat(ticket.status()).as(ticket.body()).isEqualTo(201);
            ticketId = ticket.json().get("id").asText();
            invoiceNumber = sender.get("/api/invoices").json().get(0).get("number").asText();
            Api.Reply token = sender.post("/api/tokens", Map.of("name", "Sender's script"));
            assertThat(token.status()).as(token.body()).isEqualTo(201);
            tokenId = token.json().get("id").asText();
            for (Who who : List.of(Who.SENDER, Who.RECIPIENT, Who.THIRD)) {
                sessions.put(who, client().signIn(profiles.get(who).email(), Fixtures.PASSWORD));
            }
            // anonymous and staff get a session too, so that a refusal is about who they are, not a missing token
            sessions.put(Who.ANONYMOUS, client().visit("/login", null));
            sessions.put(Who.STAFF, client().visit("/login", null));
        }

        int send(Row row, Who who) {
            String path = fill(row.path());
            String body = row.body() == null ? null : fill(row.body());
            Map<String, String> headers = new LinkedHashMap<>();
            switch (row.door()) {
                case API, STAFF -> {
                    // a PDF is asked for as one, with its errors as problem details
                    headers.put("Accept", row.door() == Door.STAFF ? "*/*"
                            : path.endsWith("/pdf") ? "application/pdf, application/problem+json" : "application/json");
                    headers.put("Content-Type", "application/json");
                    credentials(who).ifPresent(basic -> headers.put("Authorization", basic));
                }
                case PAGE -> {
                    headers.put("Accept", "text/html");
                    headers.put("Accept-Language", "en");
                    headers.put("Cookie", sessions.get(who).cookies());
                    if (!row.method().equals("GET")) {
                        headers.put("Content-Type", "application/x-www-form-urlencoded");
                        body = sessions.get(who).form(body == null ? "" : body);
                    }
                    if (who == Who.STAFF) {
                        // a staff user's Basic credentials open no customer page
                        credentials(who).ifPresent(basic -> headers.put("Authorization", basic));
                    }
                }
            }
            return client().send(row.method(), path, headers, body).status();
        }

        private java.util.Optional<String> credentials(Who who) {
            return switch (who) {
                case ANONYMOUS -> java.util.Optional.empty();
                case STAFF -> java.util.Optional.of(basic("admin", "admin"));
                default -> java.util.Optional.of(basic(profiles.get(who).email(), Fixtures.PASSWORD));
            };
        }

        private String fill(String text) {
            return text.replace("{transfer}", transferId).replace("{ticket}", ticketId).replace("{token}", tokenId)
                    .replace("{invoice}", invoiceNumber)
                    .replace("{account}", account.name()).replace("{recipient}", profiles.get(Who.RECIPIENT).email());
        }
    }

    private FromAddress client() {
        int n = NEXT_ADDRESS.getAndIncrement();
        return new FromAddress("127.2." + (n / 250) + "." + (n % 250 + 1), port);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Row api(String route, String body, int anonymous, int sender, int recipient, int third, int staff) {
        return row(Door.API, route, body, anonymous, sender, recipient, third, staff);
    }

    private static Row page(String route, String body, int anonymous, int sender, int recipient, int third, int staff) {
        return row(Door.PAGE, route, body, anonymous, sender, recipient, third, staff);
    }

    private static Row staff(String route, String body, int anonymous, int sender, int recipient, int third,
            int staff) {
        return row(Door.STAFF, route, body, anonymous, sender, recipient, third, staff);
    }

    /** {@code "METHOD /pattern"}, or {@code "METHOD /pattern -> /path"} when the path to call differs. */
    private static Row row(Door door, String route, String body, int anonymous, int sender, int recipient, int third,
            int staff) {
        String[] parts = route.split(" -> ");
        String path = parts.length > 1 ? parts[1] : parts[0].substring(parts[0].indexOf(' ') + 1);
        Map<Who, Integer> expected = new EnumMap<>(Who.class);
        expected.put(Who.ANONYMOUS, anonymous);
        expected.put(Who.SENDER, sender);
        expected.put(Who.RECIPIENT, recipient);
        expected.put(Who.THIRD, third);
        expected.put(Who.STAFF, staff);
        return new Row(route, door, path, body, expected, false);
    }
}
