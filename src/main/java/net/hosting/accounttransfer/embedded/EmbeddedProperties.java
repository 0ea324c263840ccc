package net.hosting.accounttransfer.embedded;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.embedded.*}: the embedded default. {@code database} and {@code mail} are decided by
 * {@link EmbeddedDefaults} from what the environment gives; the rest are switches a developer may set.
 *
 * @param database whether PostgreSQL runs in-process (no SPRING_DATASOURCE_URL)
 * @param mail whether SMTP runs in-process (no SPRING_MAIL_HOST)
 * @param dataDir where the embedded PostgreSQL keeps its data between runs; empty for a throw-away database
 * @param fresh delete that data at start
 * @param smtpPort port of the embedded SMTP server, 0 for any free one
 */
@ConfigurationProperties("app.embedded")
record EmbeddedProperties(
        @DefaultValue("false") boolean database,
        @DefaultValue("false") boolean mail,
        @DefaultValue(".data/postgres") String dataDir,
        @DefaultValue("false") boolean fresh,
        @DefaultValue("0") int smtpPort) {
}
