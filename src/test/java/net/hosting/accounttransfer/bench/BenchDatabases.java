package net.hosting.accounttransfer.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fresh databases for one run, on the standalone PostgreSQL named by SPRING_DATASOURCE_URL (dropped afterwards)
 * or, without it, on an embedded PostgreSQL that lives as long as the run.
 */
public final class BenchDatabases implements AutoCloseable {

    private static final Pattern SERVER = Pattern.compile("jdbc:postgresql://([^/?]+)/([^?]*).*");

    private final EmbeddedPostgres embedded;
    private final String server;
    private final String adminDatabase;
    private final String username;
    private final String password;
    private final List<String> created = new ArrayList<>();

    private BenchDatabases(EmbeddedPostgres embedded, String server, String adminDatabase, String username,
            String password) {
        this.embedded = embedded;
        this.server = server;
        this.adminDatabase = adminDatabase;
        this.username = username;
        this.password = password;
    }

    public static BenchDatabases start() throws Exception {
        String url = System.getenv("SPRING_DATASOURCE_URL");
        if (url == null || url.isBlank()) {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
            return new BenchDatabases(postgres, "127.0.0.1:" + postgres.getPort(), "postgres", "postgres", "");
        }
        Matcher matcher = SERVER.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("SPRING_DATASOURCE_URL is not jdbc:postgresql://host:port/db: " + url);
        }
        String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
        String pass = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
        String database = matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        return new BenchDatabases(null, matcher.group(1), database, user, pass);
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String create(String name) throws SQLException {
        try (Connection admin = connect(adminDatabase); Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        }
        created.add(name);
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://" + server + "/" + database;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), username, password);
    }

    /** The database a run's own databases are created from, and statistics are read from. */
    public String adminDatabase() {
        return adminDatabase;
    }

    public String username() {
        return username;
    }

    public String password() {
        return password;
    }

    public String describe() throws SQLException {
        try (Connection admin = connect(adminDatabase); Statement statement = admin.createStatement();
                var version = statement.executeQuery("show server_version")) {
            version.next();
            return (embedded == null ? "standalone" : "embedded") + " PostgreSQL " + version.getString(1) + " at "
                    + server;
        }
    }

    @Override
    public void close() throws Exception {
        if (embedded != null) {
            embedded.close();
            return;
        }
        try (Connection admin = connect(adminDatabase); Statement statement = admin.createStatement()) {
            for (String name : created) {
                statement.execute("drop database if exists " + name + " with (force)");
            }
        }
    }
}
