package net.hosting.accounttransfer.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.Flow;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * S6: every error under /api is problem+json whatever the client accepts, with the requested path as
 * {@code instance}, including the ones no controller ever sees (unknown path, method, media types, the firewall)
 * and bodies over 64 KiB, which are refused before anything parses them.
 */
class ApiErrorsIntegrationTests extends IntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LIMIT = 64 * 1024;

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Autowired
    private JdbcTemplate jdbc;

    private Profile carol;
    private String basic;

    @BeforeEach
    void aSignedInCustomer() {
        carol = fixtures.customer("Carol", Profile.Language.EN);
        basic = "Basic " + Base64.getEncoder()
                .encodeToString((carol.email() + ":" + Fixtures.PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownPathIsA404ProblemEvenForABrowserAndEvenWithoutSigningIn() throws Exception {
        for (String accept : new String[] {"application/json", "text/html,application/xhtml+xml,*/*;q=0.8"}) {
            assertProblem(send(request("/api/nothing-here").header("Accept", accept).GET()), 404, "/api/nothing-here");
        }
        // without credentials the API asks for them, still as a problem
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(uri("/api/nothing-here"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertProblem(anonymous, 401, null);
    }

    @Test
    void aWrongMethodIsA405Problem() throws Exception {
        JsonNode problem = assertProblem(send(request("/api/transfers").header("Accept", "text/html").DELETE()),
                405, "/api/transfers");
        assertThat(problem.get("detail").asText()).contains("DELETE");
    }

    @Test
    void aPathTheFirewallOrTomcatRejectsIsA400Problem() throws Exception {
        // Tomcat itself refuses an encoded NUL or slash; Spring Security's firewall an encoded semicolon
        for (String path : new String[] {"/api/transfers/%00", "/api/transfers/a%2F..%2Fb", "/api/transfers/%3Bx"}) {
            assertProblem(send(request(path).header("Accept", "text/html").GET()), 400, path);
        }
    }

    @Test
    void aBodyThatIsNotJsonIsA415ProblemNamingTheTypeToSend() throws Exception {
        JsonNode problem = assertProblem(send(request("/api/tickets").header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("subject=hello"))), 415, "/api/tickets");
        assertThat(problem.get("detail").asText()).contains("application/json");
    }

    @Test
    void anAcceptTheApiCannotServeIsA406Problem() throws Exception {
        JsonNode problem = assertProblem(send(request("/api/profile").header("Accept", "image/png").GET()), 406,
                "/api/profile");
        assertThat(problem.get("detail").asText()).contains("application/json");
    }

    @Test
    void aBodyOverTheLimitIsA413ProblemAndNothingIsCreated() throws Exception {
        long before = ticketCount();
        String body = ticket("x".repeat(LIMIT));

        JsonNode announced = assertProblem(send(request("/api/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))), 413, "/api/tickets");
        assertThat(announced.get("detail").asText()).contains("65536");
        // chunked: no Content-Length announces the size, so the stream itself is capped
        assertProblem(send(request("/api/tickets").header("Content-Type", "application/json")
                .POST(chunked(body))), 413, "/api/tickets");

        assertThat(ticketCount()).isEqualTo(before);
    }

    @Test
    void aBodyJustUnderTheLimitStillWorksChunkedOrNot() throws Exception {
        String message = "y".repeat(1000);
        HttpResponse<String> plain = send(request("/api/tickets").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ticket(message))));
        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(201);
        HttpResponse<String> streamed = send(request("/api/tickets").header("Content-Type", "application/json")
                .POST(chunked(ticket(message))));
        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(201);
        assertThat(JSON.readTree(streamed.body()).get("subject").asText()).isEqualTo("Padding");
    }

    @Test
    void pagesKeepTheirHtmlErrorPage() throws Exception {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(uri("/nothing-here"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        // not signed in: the sign-in form comes first, as before
        assertThat(page.statusCode()).isEqualTo(302);
        HttpResponse<String> error = http.send(HttpRequest.newBuilder(uri("/transfers/not-a-uuid?token=x"))
                .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(error.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type)
                .startsWith("text/html"));
    }

    private long ticketCount() {
        return jdbc.queryForObject("select count(*) from ticket", Long.class);
    }

    private String ticket(String message) throws IOException {
        return JSON.writeValueAsString(java.util.Map.of("subject", "Padding", "message", message));
    }

    /** A body published with no known length, which the client sends with Transfer-Encoding: chunked. */
    private static HttpRequest.BodyPublisher chunked(String body) {
        HttpRequest.BodyPublisher known = HttpRequest.BodyPublishers.ofString(body);
        return new HttpRequest.BodyPublisher() {
            @Override
            public long contentLength() {
                return -1;
            }

            @Override
            public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
                known.subscribe(subscriber);
            }
        };
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(uri(path)).header("Authorization", basic);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String instance)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(response.body())
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).isNotBlank();
        if (instance != null) {
            assertThat(problem.path("instance").asText()).isEqualTo(instance);
        }
        return problem;
    }
}
