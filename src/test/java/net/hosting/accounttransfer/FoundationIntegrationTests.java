package net.hosting.accounttransfer;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import net.hosting.accounttransfer.billing.BillingCycle;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service boots on PostgreSQL with its schema, its process, its doors and its error answers. */
class FoundationIntegrationTests extends IntegrationTest {

    @Autowired
    Flyway flyway;

    @Autowired
    RepositoryService repository;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void flywayMigratedOurTablesBesideCamundasOnPostgres() {
        assertThat(flyway.info().current().getVersion().getVersion()).isNotBlank();
        assertThat(flyway.info().pending()).isEmpty();
        assertThat(jdbc.queryForObject("select version()", String.class)).startsWith("PostgreSQL 17");
        assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = 'public'",
                String.class)).contains("profile", "account", "subscription", "invoice", "transfer", "activity",
                        "ticket", "act_ru_execution", "act_re_procdef");
    }

    @Test
    void camundaDeployedTheAccountTransferProcessFromProcessesFolder() {
        ProcessDefinition definition = repository.createProcessDefinitionQuery().processDefinitionKey("AccountTransfer")
                .latestVersion().singleResult();
        assertThat(definition).isNotNull();
        assertThat(definition.getResourceName().replace('\\', '/')).endsWith("processes/account-transfer.bpmn");
        assertThat(definition.getHistoryTimeToLive()).isPositive();
    }

    @Test
    void accountsAnswer401WithoutCredentialsAnd200WithThem() {
        Profile owner = fixtures.customer("Ada", Profile.Language.EN);
        fixtures.paidAccount(owner, "9.99", BillingCycle.MONTHLY, 10);

        Api.Reply anonymous = api.get("/api/accounts");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");

        assertThat(api.as(owner.email(), "wrong password").get("/api/accounts").status()).isEqualTo(401);

        Api.Reply signedIn = api.as(owner.email().toUpperCase(), Fixtures.PASSWORD).get("/api/accounts");
        assertThat(signedIn.status()).isEqualTo(200);
        assertThat(signedIn.json().get(0).get("subscription").get("price").get("amount").asText()).isEqualTo("9.99");
        assertThat(signedIn.json().get(0).get("subscription").get("status").asText()).isEqualTo("ACTIVE");
    }

    @Test
    void profileAnswersTheSignedInCustomer() {
        Profile owner = fixtures.customer("Bea", Profile.Language.FR);
        Api.Reply reply = api.as(owner.email(), Fixtures.PASSWORD).get("/api/profile");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("email").asText()).isEqualTo(owner.email());
        assertThat(reply.json().get("locale").asText()).isEqualTo("fr");
        assertThat(reply.json().has("passwordHash")).isFalse();
    }

    @Test
    void cockpitAnswersAndTheEngineRestApiWantsStaff() {
        Api.Reply cockpit = api.send("GET", "/camunda/app/cockpit/default/", null);
        assertThat(cockpit.status()).isEqualTo(200);
        assertThat(cockpit.body()).containsIgnoringCase("cockpit");

        assertThat(api.get("/engine-rest/process-definition").status()).isEqualTo(401);
        Profile customer = fixtures.customer("Cid", Profile.Language.EN);
        assertThat(api.as(customer.email(), Fixtures.PASSWORD).get("/engine-rest/process-definition").status())
                .isEqualTo(401);
        Api.Reply staff = api.as("admin", "admin").get("/engine-rest/process-definition?key=AccountTransfer");
        assertThat(staff.status()).isEqualTo(200);
        assertThat(staff.body()).contains("AccountTransfer");
    }

    @Test
    void staffSignInToCockpitThroughCamundasOwnSessionAndCsrfCheck() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        String base = "http://localhost:" + port + "/camunda";
        browser.send(HttpRequest.newBuilder(URI.create(base + "/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpRequest.Builder login = HttpRequest.newBuilder(URI.create(base + "/api/admin/auth/user/default/login/cockpit"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("username=admin&password=admin"));

        assertThat(browser.send(login.build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .as("Camunda's CSRF filter refuses a sign-in without its token").isEqualTo(403);
        // that refusal also ends the session, as Camunda's filter does by design: open the page again
        browser.send(HttpRequest.newBuilder(URI.create(base + "/app/cockpit/default/")).build(),
                HttpResponse.BodyHandlers.discarding());
        String xsrf = ((CookieManager) browser.cookieHandler().orElseThrow()).getCookieStore().getCookies().stream()
                .filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).findFirst().orElseThrow().getValue();
        HttpResponse<String> signedIn = browser.send(login.header("X-XSRF-TOKEN", xsrf).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.body()).contains("cockpit");

        HttpResponse<String> definition = browser.send(HttpRequest.newBuilder(
                URI.create(base + "/api/engine/engine/default/process-definition/key/AccountTransfer"))
                .header("X-XSRF-TOKEN", xsrf).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(definition.statusCode()).isEqualTo(200);
        assertThat(definition.body()).contains("\"key\":\"AccountTransfer\"");
    }

    @Test
    void healthIsPublicAndMetricsAreForStaff() {
        Api.Reply health = api.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");

        assertThat(api.get("/actuator/prometheus").status()).isEqualTo(401);
        Profile customer = fixtures.customer("Dan", Profile.Language.EN);
        assertThat(api.as(customer.email(), Fixtures.PASSWORD).get("/actuator/prometheus").status()).isEqualTo(401);
        Api.Reply metrics = api.as("admin", "admin").get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    /**
     * Health says UP only once the service is ready (after the runners, with the job executor started): between
     * Tomcat's first answer and that moment a load balancer, or CI, would send customers in before the demo data or
     * the job executor exist.
     */
    @Test
    void healthIsOutOfServiceUntilTheServiceIsReady(@Autowired ApplicationContext context) {
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            Api.Reply starting = api.get("/actuator/health");
            assertThat(starting.status()).isEqualTo(503);
            assertThat(starting.json().get("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(api.get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(api.get("/actuator/health").status()).isEqualTo(200);
        assertThat(api.get("/actuator/health/readiness").status()).isEqualTo(200);
    }

    @Test
    void errorsAreProblemDetailsWithoutStackTraces() {
        Api customer = api.as(fixtures.customer("Eve", Profile.Language.EN).email(), Fixtures.PASSWORD);

        Api.Reply unknown = customer.get("/api/no-such-thing");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        assertThat(unknown.json().get("detail").asText()).isNotBlank();
        assertThat(unknown.json().get("instance").asText()).isEqualTo("/api/no-such-thing");

        Api.Reply wrongMethod = customer.send("DELETE", "/api/profile", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).startsWith("application/problem+json");
        assertThat(wrongMethod.json().get("instance").asText()).isEqualTo("/api/profile");

        Api.Reply malformed = customer.send("PATCH", "/api/profile", "{\"name\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        assertThat(malformed.json().get("detail").asText()).contains("JSON");

        for (Api.Reply reply : new Api.Reply[] {unknown, wrongMethod, malformed}) {
            assertThat(reply.body()).doesNotContain("Exception", "\tat ", "trace");
        }
    }
}
