package org.mtabaseline.attest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Fills a PostgreSQL database (schema made by the application's Flyway migrations) with assets and
 * evaluations for the monthly-run tests and benchmark, with plain JDBC batches.
 */
public final class SeedData {

    private SeedData() {
    }

    /** The JDBC URL of the test database server (TEST_DB_URL, as the Quarkus tests use it). */
    public static String testDbUrl() {
        String url = System.getenv("TEST_DB_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/mta_test" : url;
    }

    public static String user() {
        String u = System.getenv("TEST_DB_USER");
        return u == null || u.isBlank() ? "postgres" : u;
    }

    public static String password() {
        String p = System.getenv("TEST_DB_PASSWORD");
        return p == null || p.isBlank() ? "postgres" : p;
    }

    /** Drops and creates a database beside the test database; returns its JDBC URL. */
    public static String freshDatabase(String name) throws SQLException {
        String base = testDbUrl();
        int slash = base.lastIndexOf('/');
        int query = base.indexOf('?', slash);
        String server = base.substring(0, slash + 1);
        String suffix = query < 0 ? "" : base.substring(query);
        try (Connection c = DriverManager.getConnection(server + "postgres" + suffix, user(), password());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new SQLException("cannot create test database " + name + " on " + server
                    + " (is PostgreSQL running? set TEST_DB_URL/TEST_DB_USER/TEST_DB_PASSWORD): " + e.getMessage(), e);
        }
        return server + name + suffix;
    }

    /**
     * Inserts {@code assets} assets named {@code prefix-00000...}; the first {@code evaluated} of them get one
     * evaluation inside {@code period} (alternating pass/fail), the rest none (so: no_evidence).
     */
    public static void seed(Connection c, String prefix, int assets, int evaluated, YearMonth period) throws SQLException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        Instant now = Instant.now();
        Instant in = period.atDay(15).atStartOfDay().toInstant(ZoneOffset.UTC);
        String results = "[{\"control\":\"MTA-RELAY-001\",\"title\":\"No open relay\",\"severity\":\"critical\",\"status\":\"%s\","
                + "\"reason\":\"%s\",\"evidence\":[{\"setting\":\"smtpd_relay_restrictions\",\"value\":\"permit_mynetworks, "
                + "reject_unauth_destination\",\"file\":\"main.cf\",\"line\":41}],\"remediation\":{\"postfix\":"
                + "\"smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination\"}},"
                + "{\"control\":\"MTA-TLS-001\",\"title\":\"STARTTLS offered\",\"severity\":\"high\",\"status\":\"pass\","
                + "\"reason\":\"smtpd_tls_security_level = may\",\"evidence\":[],\"remediation\":null}]";
        try (PreparedStatement a = c.prepareStatement("INSERT INTO asset (id, hostname, environment, role, created_at, updated_at) "
                + "VALUES (?, ?, 'prod', 'mail_server', ?, ?)");
             PreparedStatement e = c.prepareStatement("INSERT INTO evaluation (id, asset_id, verdict, evaluated_at, policy_digest, "
                     + "engine, mta_kind, results, sources) VALUES (?, ?, ?, ?, ?, 'embedded/0.1.0', 'postfix', ?, ?)")) {
            for (int i = 0; i < assets; i++) {
                String id = String.format("%s-%05d", prefix, i);
                a.setString(1, id);
                a.setString(2, id + ".example.org");
                a.setTimestamp(3, Timestamp.from(now));
                a.setTimestamp(4, Timestamp.from(now));
                a.addBatch();
                if (i < evaluated) {
                    boolean pass = i % 2 == 0;
                    e.setObject(1, UUID.randomUUID());
                    e.setString(2, id);
                    e.setString(3, pass ? "pass" : "fail");
                    e.setTimestamp(4, Timestamp.from(in.plusSeconds(i)));
                    e.setString(5, "sha256:" + "5e".repeat(32));
                    e.setString(6, String.format(results, pass ? "pass" : "fail", pass ? "relay restricted" : "anyone may relay"));
                    e.setString(7, "[{\"name\":\"main.cf\",\"sha256\":\"" + "0f".repeat(32) + "\",\"size\":1200}]");
                    e.addBatch();
                }
                if (i % 1000 == 999) {
                    a.executeBatch();
                    e.executeBatch();
                }
            }
            a.executeBatch();
            e.executeBatch();
        }
        c.commit();
        c.setAutoCommit(auto);
    }
}
