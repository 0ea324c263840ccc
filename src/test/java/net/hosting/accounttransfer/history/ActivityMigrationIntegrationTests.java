package net.hosting.accounttransfer.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import net.hosting.accounttransfer.support.Fixtures;
import net.hosting.accounttransfer.support.IntegrationTest;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * V8 on a database that holds the English sentences entries stored before it: each one this service wrote is read
 * back into facts and then told in the reader's language; one it cannot read is kept and shown as it was.
 */
class ActivityMigrationIntegrationTests extends IntegrationTest {

    private static final String TRANSFER = "4f1c2a9e-8d7b-4e0a-9c51-2b3d6e7f8a90";

    @Autowired
    DataSource dataSource;

    @Autowired
    ActivityTexts texts;

    @Test
    void v8ReadsTheOldSentencesBackIntoFactsAndKeepsWhatItCannotRead() throws Exception {
        JdbcTemplate server = new JdbcTemplate(dataSource);
        String name = "v8_" + Fixtures.unique().replace('-', '_');
        server.execute("create database " + name);
        try {
            HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
            String url = pool.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + name + "$1");
            DriverManagerDataSource fresh = new DriverManagerDataSource(url, pool.getUsername(), pool.getPassword());
            Flyway.configure().dataSource(fresh).locations("classpath:db/migration").target("6").load().migrate();
            JdbcTemplate db = new JdbcTemplate(fresh);
            long profile = db.queryForObject("insert into profile (email, password_hash, name, created_at)"
                    + " values ('alice@example.com', 'x', 'Alice', now()) returning id", Long.class);
            Map<String, String> before = Map.of(
                    "TRANSFER_STARTED", "to bob@example.com, billed AT_RENEWAL (transfer " + TRANSFER + ")",
                    "TRANSFER_DECLINED", "transfer " + TRANSFER + ": Not for me",
                    "TRANSFER_CANCELLED", "offer to bob@example.com cancelled by staff (transfer " + TRANSFER + ")",
                    "PROFILE_CHANGED", "locale: en → fr",
                    "TICKET_OPENED", "Slow site",
                    "EMAIL_CHANGE_REQUESTED", "something this service never wrote");
            before.forEach((action, detail) -> db.update("insert into activity (profile_id, actor, action, detail,"
                    + " occurred_at) values (?, 'alice@example.com', ?, ?, now())", profile, action, detail));

            Flyway.configure().dataSource(fresh).locations("classpath:db/migration").load().migrate();

            Map<String, String> french = new java.util.HashMap<>();
            db.query("select * from activity", row -> {
                Activity entry = new Activity(profile, new Actor(row.getString("actor"), null),
                        ActivityAction.valueOf(row.getString("action")), null, null,
                        new ActivityFacts((java.util.UUID) row.getObject("transfer_id"), row.getString("counterpart"),
                                row.getString("billing_mode"), row.getString("field"), row.getString("old_value"),
                                row.getString("new_value"), row.getString("note")), null);
                french.put(row.getString("action"), row.getString("legacy_detail") != null
                        ? row.getString("legacy_detail") : texts.detail(entry, Locale.FRENCH));
            });
            assertThat(french).containsOnly(
                    Map.entry("TRANSFER_STARTED", "à bob@example.com, facturée à échéance (cession " + TRANSFER + ")"),
                    Map.entry("TRANSFER_DECLINED", "cession " + TRANSFER + " : Not for me"),
                    Map.entry("TRANSFER_CANCELLED_BY_STAFF", "annulée par le support (cession " + TRANSFER + ")"),
                    Map.entry("PROFILE_CHANGED", "langue : en → fr"),
                    Map.entry("TICKET_OPENED", "Slow site"),
                    Map.entry("EMAIL_CHANGE_REQUESTED", "something this service never wrote"));
        } finally {
            server.execute("drop database if exists " + name + " with (force)");
        }
    }
}
