package net.hosting.accounttransfer.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole application on a real (embedded, throw-away) PostgreSQL with its job executor running, mailing a
 * real SMTP server (GreenMail). Every integration test extends this, so they all share one Spring context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.mail.host=127.0.0.1",
        "app.embedded.data-dir=",
        "app.demo-data=false",
        "app.public-url=" + IntegrationTest.PUBLIC_URL,
        "transfer.retry-cycle=R3/PT1S",
        "camunda.bpm.admin-user.id=admin",
        "camunda.bpm.admin-user.password=admin",
        "logging.level.com.icegreen.greenmail=WARN",
        // every test speaks from 127.0.0.1, and some fail a sign-in on purpose: together they would pass the
        // throttle's budget; GuessingThrottleIntegrationTests checks the throttle with its default in a context of its own
        "app.throttle.budget=100000",
        // the metrics read the database on every scrape, so a test sees a change at once instead of waiting out a cache
        "transfer.metrics-max-age=0",
        "billing.metrics-max-age=0"
})
// metrics are off in tests by default; the Prometheus endpoint is part of what the service offers
@AutoConfigureObservability
@Import({Fixtures.class, Mailbox.class})
public abstract class IntegrationTest {

    /** A free port chosen once per test run, so parallel builds on one machine never collide. */
    public static final int SMTP_PORT = freePort();
    public static final String PUBLIC_URL = "http://transfers.test";

    /** One SMTP server for the whole test run; process tests stop and restart it to make mail fail for real. */
    public static final GreenMail SMTP = startSmtp();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Fixtures fixtures;

    @Autowired
    protected Mailbox mailbox;

    protected Api api;

    @DynamicPropertySource
    static void smtpPort(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @BeforeEach
    void freshMailboxAndClient() {
        mailbox.clear();
        api = new Api(port);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GreenMail startSmtp() {
        GreenMail greenMail = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop));
        return greenMail;
    }
}
