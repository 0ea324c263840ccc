package net.hosting.accounttransfer.embedded;

import net.hosting.accounttransfer.notification.AppProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the service where to click, once it is ready. */
@Component
class StartupLog {

    private static final Logger log = LoggerFactory.getLogger(StartupLog.class);

    private final AppProperties app;
    private final boolean embeddedDatabase;
    private final boolean embeddedMail;

    StartupLog(AppProperties app, EmbeddedProperties embedded) {
        this.app = app;
        this.embeddedDatabase = embedded.database();
        this.embeddedMail = embedded.mail();
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        StringBuilder text = new StringBuilder("\n\n  Account transfer service is ready\n")
                .append("  Customer pages : ").append(app.link("/")).append('\n')
                .append("  JSON API       : ").append(app.link("/api/accounts")).append(" (HTTP Basic)\n")
                .append("  Cockpit        : ").append(app.link("/camunda/app/cockpit/default/")).append('\n')
                .append("  Health         : ").append(app.link("/actuator/health")).append('\n');
        if (embeddedMail) {
            text.append("  Mailbox        : ").append(app.link("/dev/mailbox")).append('\n');
        }
        if (embeddedDatabase) {
            text.append("  Demo sign-ins  : alice@example.com, bob@example.com, carol@example.com / ")
                    .append(DemoData.PASSWORD).append('\n')
                    .append("  Staff sign-in  : admin / admin (embedded default only)\n")
                    .append("  Start afresh   : ./mvnw spring-boot:run -Dspring-boot.run.arguments=--app.embedded.fresh=true\n");
        }
        log.info(text.toString());
    }
}
