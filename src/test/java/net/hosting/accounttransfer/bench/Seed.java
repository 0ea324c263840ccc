package net.hosting.accounttransfer.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import net.hosting.accounttransfer.infrastructure.SecretToken;

/**
 * N senders each owning one paid account, and N recipients, with an API token each, written in a few set-based statements that mirror
 * what sign-up and the ledger write: a profile with a BCrypt hash, an account, an active monthly subscription
 * whose period began 10 days ago, and its invoice numbered on from the year's counter.
 */
public final class Seed {

    public static final String PASSWORD = "bench-password-1";
    private static final String ZONE = "Europe/Paris";
    /** ApiTokens.PREFIX: the service refuses a Bearer token without it before any lookup. */
    private static final String TOKEN_PREFIX = "at_";

    private Seed() {
    }

    public static String sender(int i) {
        return "bench-s-" + i + "@bench.test";
    }

    public static String recipient(int i) {
        return "bench-r-" + i + "@bench.test";
    }

    public static String account(int i) {
        return "bench-" + i;
    }

    public static void insert(Connection connection, int n, String passwordHash) throws SQLException {
        connection.setAutoCommit(false);
        update(connection, """
                insert into profile (email, password_hash, name, address, locale, currency, created_at)
                select 'bench-' || role || '-' || i || '@bench.test', ?, role || ' ' || i, '1 Bench Street', 'en', 'EUR', now()
                from generate_series(1, ?) i, (values ('s'), ('r')) roles(role)""", passwordHash, n);
        update(connection, """
                insert into account (name, owner_id, created_at)
                select 'bench-' || i, p.id, now()
                from generate_series(1, ?) i join profile p on p.email = 'bench-s-' || i || '@bench.test'""", n);
        update(connection, """
                insert into subscription (account_id, payer_id, plan, price_amount, currency, cycle, anchor_date,
                                          current_period_start, current_period_end, status)
                select a.id, a.owner_id, 'Cloud S', 9.99, 'EUR', 'MONTHLY', d.day, d.day, (d.day + interval '1 month')::date, 'ACTIVE'
                from account a, (select (now() at time zone ?)::date - 10 as day) d""", ZONE);
        update(connection, """
                insert into invoice (number, year, sequence, kind, profile_id, account_id, account_name, subscription_id,
                                     period_start, period_end, amount, currency, issued_at, billed_name, billed_company,
                                     billed_address, billed_email, idempotency_key, net, vat_rate, vat,
                                     vat_treatment, billed_language)
                select y.year || '-' || lpad((y.last + row_number() over (order by s.id))::text, 6, '0'), y.year,
                       y.last + row_number() over (order by s.id), 'INVOICE', p.id, a.id, a.name, s.id,
                       s.current_period_start, s.current_period_end, s.price_amount, s.currency, now(),
                       p.name, p.company, p.address, p.email, 'bench:' || a.name,
                       -- as V9 left the documents issued before VAT: net = total, no VAT, treatment NONE
                       s.price_amount, 0, 0, 'NONE', p.locale
                from subscription s join account a on a.id = s.account_id join profile p on p.id = s.payer_id,
                     (select t.year, coalesce((select last_value from document_sequence where year = t.year), 0) as last
                      from (select extract(year from now() at time zone ?)::int as year) t) y""", ZONE);
        update(connection, """
                insert into document_sequence (year, last_value) select year, max(sequence) from invoice group by year
                on conflict (year) do update set last_value = excluded.last_value""");
        connection.commit();
        connection.setAutoCommit(true);
        // as autovacuum would on a live database: without statistics the planner scans the seeded tables whole
        update(connection, "analyze");
    }

    /**
     * One personal API token for every seeded profile, stored as the service stores them (only the hash);
     * returns each profile's token by email.
     */
    public static Map<String, String> tokens(Connection connection) throws SQLException {
        Map<String, String> tokens = new HashMap<>();
        connection.setAutoCommit(false);
        try (PreparedStatement profiles = connection.prepareStatement("select id, email from profile");
                ResultSet rows = profiles.executeQuery();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into api_token (profile_id, name, token_hash, created_at) values (?, 'bench', ?, now())")) {
            while (rows.next()) {
                String token = TOKEN_PREFIX + SecretToken.generate();
                tokens.put(rows.getString("email"), token);
                insert.setLong(1, rows.getLong("id"));
                insert.setString(2, SecretToken.hash(token));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        connection.commit();
        return tokens;
    }

    private static void update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        }
    }
}
