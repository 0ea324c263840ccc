package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import net.hosting.accounttransfer.account.Account;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract as a client generated from {@code /v3/api-docs} sees it: every operation under {@code /api} is called
 * for real, once to succeed and once to fail, and a third-party OpenAPI validator (Atlassian's) judges each request
 * and answer against the document the app serves.
 */
class ApiContractIntegrationTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private OpenApiInteractionValidator validator;
    private JsonNode document;
    /** "GET /api/transfers/{id}" and the pattern its path matches. */
    private final Map<String, Pattern> operations = new LinkedHashMap<>();
    private final Set<String> exercised = new TreeSet<>();
    private final List<String> broken = new ArrayList<>();

    @BeforeEach
    void theServedDocument() {
        Api.Reply reply = api.get("/v3/api-docs");
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        document = reply.json();
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(reply.body()).build();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> operations.put(method.toUpperCase(Locale.ROOT) + " " + path.getKey(),
                        Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")))));
        assertThat(operations).isNotEmpty();
    }

    @Test
    void everySuccessAnswerIsWhatTheDocumentSays() {
        Profile alice = fixtures.customer("Alice", Profile.Language.EN);
        Profile bob = fixtures.customerIn("FR", "Bob", "Bob SARL", null);
        Account moved = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 10);
        Account withdrawn = fixtures.paidAccount(alice, "119.88", BillingCycle.YEARLY, 40);
        Account refused = fixtures.paidAccount(alice, "9.99", BillingCycle.MONTHLY, 3);
        Client asAlice = client(alice);
        Client asBob = client(bob);

        asAlice.expect(200, "GET", "/api/profile", null);
        asAlice.expect(200, "PATCH", "/api/profile", "{\"name\": \"Alice Martin\", \"vatNumber\": null}");
        asAlice.expect(202, "PATCH", "/api/profile", Map.of("email", "alice-" + Fixtures.unique() + "@example.test",
                "currentPassword", Fixtures.PASSWORD));

        JsonNode token = asAlice.expect(201, "POST", "/api/tokens", Map.of("name", "deploy script")).json();
        asAlice.expect(200, "GET", "/api/tokens", null);
        asAlice.withToken(token.get("token").asText()).expect(200, "GET", "/api/accounts", null);
        asAlice.expect(204, "DELETE", "/api/tokens/" + token.get("id").asText(), null);

        String immediate = asAlice.expect(201, "POST", "/api/transfers",
                Map.of("account", moved.name(), "recipientEmail", bob.email(), "billingMode", "IMMEDIATE"),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).json().get("id").asText();
        String atRenewal = asAlice.expect(201, "POST", "/api/transfers", Map.of("account", withdrawn.name(),
                "recipientEmail", bob.email(), "billingMode", "AT_RENEWAL")).json().get("id").asText();
        String declined = asAlice.expect(201, "POST", "/api/transfers", Map.of("account", refused.name(),
                "recipientEmail", bob.email(), "billingMode", "IMMEDIATE")).json().get("id").asText();
        asAlice.expect(200, "GET", "/api/accounts", null);
        asAlice.expect(200, "GET", "/api/transfers?role=sent&size=2", null);
        asBob.expect(200, "GET", "/api/transfers?role=received", null);
        asBob.expect(200, "GET", "/api/transfers/" + immediate, null);
        asAlice.expect(200, "GET", "/api/transfers/" + immediate, null);

        asBob.expect(200, "POST", "/api/transfers/" + immediate + "/accept", null);
        asAlice.expect(200, "POST", "/api/transfers/" + atRenewal + "/cancel", null);
        asBob.expect(200, "POST", "/api/transfers/" + declined + "/decline", Map.of("reason", "Not mine."));
        Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(300)).until(() ->
                "COMPLETED".equals(asAlice.expect(200, "GET", "/api/transfers/" + immediate, null)
                        .json().get("status").asText()));

        // the sender now holds an invoice and the credit note of the unused days, the recipient an invoice
        JsonNode invoices = asAlice.expect(200, "GET", "/api/invoices?size=1", null).json();
        asAlice.expect(200, "GET", "/api/invoices?page=1&size=50", null);
        asBob.expect(200, "GET", "/api/invoices", null);
        String number = invoices.get(0).get("number").asText();
        asAlice.expect(200, "GET", "/api/invoices/" + number, null);
        asAlice.expect(200, "GET", "/api/invoices/" + number + "/pdf", null);
        asAlice.expect(200, "GET", "/api/activity?size=3", null);
        asBob.expect(200, "GET", "/api/activity", null);

        String ticket = asBob.expect(201, "POST", "/api/tickets",
                Map.of("subject", "Mail bounces", "message", "Since this morning.", "account", moved.name()))
                .json().get("id").asText();
        asAlice.expect(201, "POST", "/api/tickets", Map.of("subject", "A question", "message", "How do I pay?"));
        asBob.expect(200, "GET", "/api/tickets", null);
        asBob.expect(200, "GET", "/api/tickets/" + ticket, null);

        assertThat(broken).as("answers the document does not describe").isEmpty();
        assertThat(exercised).as("operations called with success").isEqualTo(operations.keySet());
    }

    @Test
    void everyErrorAnswerIsWhatTheDocumentSays() {
        Profile carol = fixtures.customer("Carol", Profile.Language.EN);
        Account account = fixtures.paidAccount(carol, "9.99", BillingCycle.MONTHLY, 5);
        Client asCarol = client(carol);
        Client anonymous = new Client(null, false);

        // every operation asks for credentials first
        operations.keySet().forEach(operation -> {
            String[] methodAndPath = operation.split(" ", 2);
            anonymous.expect(401, methodAndPath[0], example(methodAndPath[1]), null);
        });
        String unknown = UUID.randomUUID().toString();
        asCarol.expect(404, "GET", "/api/transfers/" + unknown, null);
        asCarol.expect(404, "POST", "/api/transfers/" + unknown + "/accept", null);
        asCarol.invalid().expect(400, "GET", "/api/transfers", null);
        asCarol.expect(422, "POST", "/api/transfers",
                Map.of("account", account.name(), "recipientEmail", carol.email(), "billingMode", "IMMEDIATE"));
        asCarol.expect(404, "GET", "/api/invoices/2099-999999", null);
        asCarol.expect(404, "GET", "/api/invoices/2099-999999/pdf", null);
        asCarol.expect(404, "GET", "/api/tickets/999999999", null);
        asCarol.expect(404, "DELETE", "/api/tokens/999999999", null);
        asCarol.expect(422, "PATCH", "/api/profile", Map.of("country", "XX"));
        asCarol.invalid().expect(422, "GET", "/api/invoices?size=999", null);
        asCarol.invalid().expect(400, "POST", "/api/tickets", "{\"subject\": ");

        assertThat(broken).as("answers the document does not describe").isEmpty();
        assertThat(exercised).as("operations called with an error").isEqualTo(operations.keySet());
    }

    /** The validator is no rubber stamp: it refuses an amount served as a number, as the document used to say. */
    @Test
    void theValidatorRefusesAnAnswerTheDocumentDoesNotDescribe() {
        String ticket = "{\"id\": 7, \"subject\": \"s\", \"message\": \"m\", \"account\": null, \"status\": \"OPEN\", "
                + "\"createdAt\": \"2026-11-28T16:40:00Z\"}";
        assertThat(answer("/api/tickets/7", 200, ticket).hasErrors()).as(ticket).isFalse();
        for (String wrong : new String[] {ticket.replace("\"OPEN\"", "\"LOST\""), ticket.replace("\"s\"", "1"),
                ticket.replace("\"subject\": \"s\", ", ""), ticket.replace("}", ", \"extra\": 1}")}) {
            assertThat(answer("/api/tickets/7", 200, wrong).hasErrors()).as(wrong).isTrue();
        }
        assertThat(answer("/api/tickets/7", 201, ticket).hasErrors()).as("an undocumented status").isTrue();
        String account = "[{\"name\": \"a\", \"owner\": \"o\", \"pendingTransfer\": null, \"subscription\": {\"id\": 1, "
                + "\"plan\": \"Cloud S\", \"price\": {\"amount\": %s, \"currency\": \"EUR\"}, \"period\": \"MONTHLY\", "
                + "\"currentPeriodStart\": \"2026-11-20\", \"renewalDate\": \"2026-12-20\", \"status\": \"ACTIVE\"}}]";
        assertThat(answer("/api/accounts", 200, account.formatted("\"119.88\"")).hasErrors()).isFalse();
        assertThat(answer("/api/accounts", 200, account.formatted("119.88")).hasErrors()).as("a number").isTrue();
    }

    /** Each example of the document is itself an answer (or request) the document describes. */
    @Test
    void everyExampleOfTheDocumentIsWhatTheDocumentSays() {
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            String method = op.getKey().toUpperCase(Locale.ROOT);
            String concrete = example(path.getKey());
            op.getValue().path("requestBody").path("content").fields().forEachRemaining(media -> {
                if (media.getValue().has("example")) {
                    SimpleRequest request = new SimpleRequest.Builder(method, concrete)
                            .withContentType(media.getKey()).withAuthorization("Basic YTpi")
                            .withBody(media.getValue().get("example").toString()).build();
                    validator.validateRequest(request).getMessages().forEach(message -> broken.add(
                            method + " " + path.getKey() + " request example: " + message.getMessage()));
                }
            });
            op.getValue().get("responses").fields().forEachRemaining(response -> response.getValue().path("content")
                    .fields().forEachRemaining(media -> {
                        if (media.getValue().has("example") && media.getKey().endsWith("json")) {
                            SimpleResponse.Builder answer = SimpleResponse.Builder
                                    .status(Integer.parseInt(response.getKey())).withContentType(media.getKey())
                                    .withBody(media.getValue().get("example").toString());
                            response.getValue().path("headers").fieldNames().forEachRemaining(
                                    header -> answer.withHeader(header, "</api/example>; rel=\"next\""));
                            validator.validateResponse(concrete, Request.Method.valueOf(method), answer.build())
                                    .getMessages().forEach(message -> broken.add(method + " " + path.getKey() + " "
                                            + response.getKey() + " example: " + message.getMessage()));
                        }
                    }));
        }));
        assertThat(broken).as("examples the document does not describe").isEmpty();
    }

    private ValidationReport answer(String path, int status, String body) {
        return validator.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(status)
                .withContentType("application/json").withBody(body).build());
    }

    private Client client(Profile profile) {
        return new Client("Basic " + Base64.getEncoder().encodeToString(
                (profile.email() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8)), true);
    }

    /** A path of the document with each parameter filled by a value of its type, for calls that fail before use. */
    private String example(String template) {
        return template.replace("{id}", template.startsWith("/api/transfers") ? UUID.randomUUID().toString() : "1")
                .replace("{number}", "2026-000001");
    }

    /** One client, signed in or not; {@code validRequest} false for requests that break the document on purpose. */
    private final class Client {

        private final String authorization;
        private final boolean validRequest;

        Client(String authorization, boolean validRequest) {
            this.authorization = authorization;
            this.validRequest = validRequest;
        }

        Client withToken(String token) {
            return new Client("Bearer " + token, validRequest);
        }

        Client invalid() {
            return new Client(authorization, false);
        }

        Api.Reply expect(int status, String method, String path, Object body) {
            return expect(status, method, path, body, Map.of());
        }

        Api.Reply expect(int status, String method, String path, Object body, Map<String, String> headers) {
            String text = body == null ? null : body instanceof String raw ? raw : write(body);
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "application/json, application/problem+json, application/pdf")
                    .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(text));
            if (text != null) {
                request.header("Content-Type", "application/json");
            }
            if (authorization != null) {
                request.header("Authorization", authorization);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = send(request.build());
            Api.Reply reply = new Api.Reply(response.statusCode(), response.headers().map(), response.body());
            assertThat(reply.status()).as(method + " " + path + ": " + reply.body()).isEqualTo(status);
            judge(method, path, text, headers, reply);
            return reply;
        }

        private void judge(String method, String pathAndQuery, String body, Map<String, String> headers,
                Api.Reply reply) {
            URI uri = URI.create(pathAndQuery);
            String path = uri.getPath();
            String operation = operations.entrySet().stream()
                    .filter(entry -> entry.getKey().startsWith(method + " ") && entry.getValue().matcher(path).matches())
                    .map(Map.Entry::getKey).findFirst().orElse(null);
            if (operation == null) {
                broken.add(method + " " + pathAndQuery + ": no operation of the document");
                return;
            }
            exercised.add(operation);
            SimpleResponse.Builder response = SimpleResponse.Builder.status(reply.status()).withBody(reply.body());
            reply.headers().forEach((name, values) -> {
                if (!name.startsWith(":")) {
                    response.withHeader(name, values);
                }
            });
            ValidationReport report;
            if (validRequest) {
                SimpleRequest.Builder request = new SimpleRequest.Builder(method, path)
                        .withAccept("application/json", "application/problem+json", "application/pdf");
                if (uri.getRawQuery() != null) {
                    for (String pair : uri.getRawQuery().split("&")) {
                        String[] nameAndValue = pair.split("=", 2);
                        request.withQueryParam(nameAndValue[0],
                                URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8));
                    }
                }
                if (body != null) {
                    request.withContentType("application/json").withBody(body);
                }
                if (authorization != null) {
                    request.withAuthorization(authorization);
                }
                headers.forEach(request::withHeader);
                report = validator.validate(request.build(), response.build());
            } else {
                report = validator.validateResponse(path, Request.Method.valueOf(method), response.build());
            }
            report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .forEach(message -> broken.add(method + " " + pathAndQuery + " → " + reply.status() + ": "
                            + message.getKey() + " " + message.getMessage()));
        }

        private HttpResponse<String> send(HttpRequest request) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static String write(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
