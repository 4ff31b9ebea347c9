package org.mtabaseline.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A monthly run killed with SIGKILL halfway finishes after a restart with no asset missing or doubled.
 * Real processes: the application packaged for PostgreSQL (built here with {@code quarkus:build
 * -Dquarkus.profile=pg}, as the Dockerfile does) against a fresh database beside the test database.
 */
class MonthlyRunKillResumeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "resume-it-token";
    private static final int ASSETS = 1500;
    private static final int EVALUATED = 1000;

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void runKilledWithSigkillHalfwayFinishesAfterRestartWithEveryAssetOnce() throws Exception {
        Path jar = pgApplication();
        String dbUrl = SeedData.freshDatabase("mta_attest_resume_it");
        YearMonth period = YearMonth.now(ZoneOffset.UTC).minusMonths(2);
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Process first = start(jar, dbUrl, port, "first.log");
        String runId;
        int doneAtKill;
        try {
            awaitReady(base, first, "first.log");
            try (Connection c = DriverManager.getConnection(dbUrl, SeedData.user(), SeedData.password())) {
                SeedData.seed(c, "mx", ASSETS, EVALUATED, period);
            }
            HttpResponse<String> started = send("POST", base + "/api/v1/attestation-runs?period=" + period);
            assertEquals(202, started.statusCode(), started.body());
            runId = JSON.readTree(started.body()).get("id").asText();
            doneAtKill = awaitProgress(base, runId, ASSETS / 5);
            first.destroyForcibly(); // SIGKILL on Unix: no shutdown hook, no rollback courtesy
            assertTrue(first.waitFor(30, TimeUnit.SECONDS));
            assertEquals(137, first.exitValue(), "killed by signal 9");
        } finally {
            first.destroyForcibly();
        }

        try (Connection c = DriverManager.getConnection(dbUrl, SeedData.user(), SeedData.password())) {
            JsonNode run = runRow(c, runId);
            assertEquals("running", run.get("state").asText(), "the killed run is left running");
            int done = run.get("done").asInt();
            assertTrue(done >= doneAtKill && done < ASSETS, "killed halfway: done=" + done);
            assertEquals(done, count(c, "SELECT COUNT(*) FROM attestation WHERE period = '" + period + "'"),
                    "committed progress and committed attestations agree");
        }

        Process second = start(jar, dbUrl, port, "second.log");
        try {
            awaitReady(base, second, "second.log");
            JsonNode finished = awaitCompleted(base, runId);
            assertEquals(ASSETS, finished.at("/progress/done").asInt());
            assertEquals(ASSETS, finished.at("/progress/total").asInt());
            assertEquals(EVALUATED, finished.at("/outcome/attested").asInt());
            assertEquals(ASSETS - EVALUATED, finished.at("/outcome/no_evidence").asInt());
            assertEquals(0, finished.at("/outcome/already_attested").asInt());

            HttpResponse<String> chain = send("GET", base + "/api/v1/assets/mx-00007/attestations/verify");
            assertEquals(true, JSON.readTree(chain.body()).get("valid").asBoolean(), chain.body());
        } finally {
            second.destroy();
            if (!second.waitFor(30, TimeUnit.SECONDS)) {
                second.destroyForcibly();
            }
        }

        try (Connection c = DriverManager.getConnection(dbUrl, SeedData.user(), SeedData.password())) {
            String p = "'" + period + "'";
            assertEquals(ASSETS, count(c, "SELECT COUNT(*) FROM attestation WHERE period = " + p), "one per asset");
            assertEquals(ASSETS, count(c, "SELECT COUNT(DISTINCT asset_id) FROM attestation WHERE period = " + p), "none missing");
            assertEquals(0, count(c, "SELECT COUNT(*) FROM asset a WHERE NOT EXISTS (SELECT 1 FROM attestation t "
                    + "WHERE t.asset_id = a.id AND t.period = " + p + ")"), "no asset without its period attestation");
            assertEquals(ASSETS - EVALUATED, count(c, "SELECT COUNT(*) FROM attestation WHERE status = 'no_evidence' AND period = " + p));
            assertEquals(EVALUATED, count(c, "SELECT COUNT(*) FROM attestation WHERE evaluation_id IS NOT NULL AND period = " + p));
            assertEquals(1, count(c, "SELECT COUNT(*) FROM attestation_run"), "the restart resumed the run, not a new one");
        }
    }

    /** The PostgreSQL build of the application, as the Dockerfile makes it (or -Dattest.it.pg-app=<quarkus-run.jar>). */
    private Path pgApplication() throws Exception {
        String given = System.getProperty("attest.it.pg-app");
        if (given != null && !given.isBlank()) {
            return Path.of(given).toAbsolutePath();
        }
        Path project = Path.of("").toAbsolutePath();
        List<String> cmd = List.of(project.resolve("mvnw").toString(), "-B", "-q", "quarkus:build",
                "-Dquarkus.profile=pg", "-Dquarkus.package.output-directory=quarkus-app-pg");
        Process build = new ProcessBuilder(cmd).directory(project.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("build.log").toFile()).start();
        if (!build.waitFor(15, TimeUnit.MINUTES) || build.exitValue() != 0) {
            fail("building the PostgreSQL application failed: " + Files.readString(work.resolve("build.log")));
        }
        Path jar = project.resolve("target/quarkus-app-pg/quarkus-run.jar");
        assertTrue(Files.exists(jar), jar + " missing");
        return jar;
    }

    private Process start(Path jar, String dbUrl, int port, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dmta-baseline.policy.dir=" + Path.of("policies").toAbsolutePath(),
                "-Dmta-baseline.attest.key.dir=" + work.resolve("attest-key"),
                "-Dmta-baseline.attest.monthly.cron=off",
                "-Dmta-baseline.attest.monthly.batch-size=25",
                "-Dmta-baseline.attest.monthly.batch-pause=40ms",
                "-Dmta-baseline.attest.monthly.lease=2s",
                "-Dmta-baseline.attest.monthly.resume-every=1s",
                "-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(log).toFile()));
        pb.environment().put("DB_URL", dbUrl);
        pb.environment().put("DB_USER", SeedData.user());
        pb.environment().put("DB_PASSWORD", SeedData.password());
        pb.environment().put("MTA_BASELINE_API_TOKEN", TOKEN);
        return pb.start();
    }

    private int awaitProgress(String base, String runId, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            JsonNode run = JSON.readTree(send("GET", base + "/api/v1/attestation-runs/" + runId).body());
            int done = run.at("/progress/done").asInt();
            if (!"running".equals(run.get("state").asText())) {
                fail("the run ended before it could be killed (make batches slower): " + run);
            }
            if (done >= atLeast) {
                return done;
            }
            Thread.sleep(20);
        }
        fail("run " + runId + " made no progress");
        return -1;
    }

    private JsonNode awaitCompleted(String base, String runId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        JsonNode run = null;
        while (System.nanoTime() < deadline) {
            run = JSON.readTree(send("GET", base + "/api/v1/attestation-runs/" + runId).body());
            if ("completed".equals(run.get("state").asText())) {
                return run;
            }
            assertEquals("running", run.get("state").asText(), run.toString());
            Thread.sleep(200);
        }
        fail("the resumed run did not complete: " + run + "\n" + Files.readString(work.resolve("second.log")));
        return null;
    }

    private static JsonNode runRow(Connection c, String runId) throws Exception {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT state, done FROM attestation_run WHERE id = '" + runId + "'")) {
            assertTrue(r.next());
            return JSON.createObjectNode().put("state", r.getString(1)).put("done", r.getInt(2));
        }
    }

    private static long count(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    private void awaitReady(String base, Process p, String log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("the application exited: " + Files.readString(work.resolve(log)));
            }
            try {
                if (send("GET", base + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("not ready within 120 s: " + Files.readString(work.resolve(log)));
    }

    private HttpResponse<String> send(String method, String url) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
