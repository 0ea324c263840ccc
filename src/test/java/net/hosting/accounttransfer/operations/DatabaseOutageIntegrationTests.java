package net.hosting.accounttransfer.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import net.hosting.accounttransfer.AccountTransferApplication;
import net.hosting.accounttransfer.profile.Profile;
import net.hosting.accounttransfer.support.Api;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.FromAddress;
import net.hosting.accounttransfer.support.IntegrationTest;
import net.hosting.accounttransfer.support.RestartablePostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The service in production mode while its PostgreSQL is stopped, then started again: every door answers 503
 * with Retry-After within the pool's wait (never 401 for a right password, never 500, never a hang), health says
 * DOWN, and once the database is back the same node serves again with no restart.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DatabaseOutageIntegrationTests {

    /** The bound on any request while the database is away. */
    private static final Duration LONGEST_ANSWER = Duration.ofSeconds(15);

    private static RestartablePostgres database;
    private static ConfigurableApplicationContext node;
    private static Api basic;
    private static Api bearer;
    private static FromAddress browser;
    private static FromAddress.Session session;
    private static Profile alice;

    @BeforeAll
    static void startTheNodeThenStopItsDatabase() throws Exception {
        IntegrationTest.SMTP.getSmtp();
        database = RestartablePostgres.start();
        node = new SpringApplicationBuilder(AccountTransferApplication.class).properties(
                "spring.datasource.url=" + database.jdbcUrl(),
                "spring.datasource.username=postgres",
                "spring.mail.host=127.0.0.1",
                "spring.mail.port=" + IntegrationTest.SMTP_PORT,
                "CAMUNDA_ADMIN_USER=outagestaff",
                "CAMUNDA_ADMIN_PASSWORD=outage-staff-secret",
                "billing.seller.name=Outage Hosting SAS",
                "billing.seller.address=1 rue de la Panne\n75002 Paris",
                "billing.seller.siren=123456782",
                "billing.seller.vat-number=FR11123456782",
                "server.port=0",
                "app.public-url=" + IntegrationTest.PUBLIC_URL,
                "logging.level.com.icegreen.greenmail=WARN")
                // what is checked is the answer once the pool gives up, not the production wait of 5 s before it;
                // arguments, since application.yaml sets both and outranks the builder's default properties
                .run("--spring.datasource.hikari.connection-timeout=1000",
                        "--spring.datasource.hikari.validation-timeout=500");
        int port = ((WebServerApplicationContext) node).getWebServer().getPort();
        alice = node.getAutowireCapableBeanFactory().createBean(Fixtures.class).customer("Alice", Profile.Language.EN);
        basic = new Api(port).as(alice.email(), Fixtures.PASSWORD);
        Api.Reply token = basic.post("/api/tokens", Map.of("name", "outage"));
        assertThat(token.status()).isEqualTo(201);
        bearer = new Api(port).withToken(token.json().get("token").asText());
        browser = new FromAddress("127.0.0.1", port);
        session = browser.signIn(alice.email(), Fixtures.PASSWORD);
        // the right password is remembered now, so the outage cannot hide behind a BCrypt check
        assertThat(basic.get("/api/profile").status()).isEqualTo(200);
        database.stop();
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    void theRightPasswordGets503WithRetryAfterNot401() {
        assertUnavailableProblem(timed(() -> basic.get("/api/profile")));
    }

    @Test
    @Order(1)
    void anApiTokenGets503WithRetryAfterNot500() {
        assertUnavailableProblem(timed(() -> bearer.get("/api/transfers?role=sent")));
    }

    @Test
    @Order(1)
    void aSignedInPageGets503PageWithRetryAfterNot500() {
        FromAddress.Reply page = timed(() -> browser.send("GET", "/", Map.of("Cookie", session.cookies(),
                "Accept", "text/html", "Accept-Language", "en"), null));
        assertThat(page.status()).isEqualTo(503);
        assertThat(page.header("Retry-After")).isNotNull();
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("Back in a moment");
    }

    @Test
    @Order(1)
    void theSignInFormGets503NotAWrongPasswordAnswer() {
        FromAddress.Reply signIn = timed(() -> browser.send("POST", "/login", Map.of("Accept", "text/html",
                "Content-Type", "application/x-www-form-urlencoded", "Cookie", session.cookies()),
                session.form("username=" + FromAddress.encode(alice.email()) + "&password="
                        + FromAddress.encode(Fixtures.PASSWORD))));
        assertThat(signIn.status()).isEqualTo(503);
        assertThat(signIn.header("Retry-After")).isNotNull();
    }

    @Test
    @Order(1)
    void healthSaysDownPromptly() {
        Api.Reply health = timed(() -> new Api(port()).get("/actuator/health"));
        assertThat(health.status()).isEqualTo(503);
        assertThat(health.body()).contains("\"DOWN\"");
    }

    @Test
    @Order(2)
    void onceTheDatabaseIsBackTheSameNodeServesAgain() throws Exception {
        database.startAgain();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> new Api(port()).get("/actuator/health").status() == 200);
        assertThat(basic.get("/api/profile").status()).isEqualTo(200);
        assertThat(bearer.get("/api/transfers?role=sent").status()).isEqualTo(200);
    }

    private static void assertUnavailableProblem(Api.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        assertThat(reply.header("Retry-After")).matches("\\d+");
        assertThat(reply.json().get("detail").asText()).contains("database");
    }

    private static <T> T timed(Supplier<T> request) {
        long started = System.nanoTime();
        T reply = request.get();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("time to answer").isLessThan(LONGEST_ANSWER);
        return reply;
    }

    private static int port() {
        return ((WebServerApplicationContext) node).getWebServer().getPort();
    }
}
