package org.mtabaseline.bench;

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
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtabaseline.attest.SeedData;

/**
 * The monthly run over 10,000 assets with one evaluation each, in PostgreSQL, in the application packaged
 * for PostgreSQL (target/quarkus-app-pg, built with {@code quarkus:build -Dquarkus.profile=pg}) started with
 * {@code -Xmx512m}. Three months are seeded and attested one after the other (chains grow); prints each run's
 * time (from the run's own started/finished stamps and wall clock) and the peak heap seen in /q/metrics.
 *
 * <p>{@code ./mvnw -B -Pbench test-compile exec:exec -Dbench.main=org.mtabaseline.bench.MonthlyRunBenchmark}
 */
public final class MonthlyRunBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "bench-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern HEAP = Pattern.compile("^jvm_memory_used_bytes\\{area=\"heap\",[^}]*} ([0-9.E+]+)", Pattern.MULTILINE);

    public static void main(String[] args) throws Exception {
        int assets = Integer.getInteger("bench.assets", 10_000);
        int months = Integer.getInteger("bench.months", 3);
        Path jar = Path.of(System.getProperty("bench.app", "target/quarkus-app-pg/quarkus-run.jar")).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " missing: build it with ./mvnw -B quarkus:build -Dquarkus.profile=pg "
                    + "-Dquarkus.package.output-directory=quarkus-app-pg");
        }
        String db = SeedData.freshDatabase("mta_attest_bench");
        Path work = Files.createTempDirectory("attest-bench");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String base = "http://127.0.0.1:" + port;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-Dquarkus.http.port=" + port,
                "-Dmta-baseline.policy.dir=" + Path.of("policies").toAbsolutePath(),
                "-Dmta-baseline.attest.key.dir=" + work.resolve("key"), "-Dmta-baseline.attest.monthly.cron=off",
                "-jar", jar.toString()).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("app.log").toFile());
        pb.environment().put("DB_URL", db);
        pb.environment().put("DB_USER", SeedData.user());
        pb.environment().put("DB_PASSWORD", SeedData.password());
        pb.environment().put("MTA_BASELINE_API_TOKEN", TOKEN);
        Process app = pb.start();
        try {
            awaitReady(base, app, work);
            YearMonth first = YearMonth.now(ZoneOffset.UTC).minusMonths(months);
            try (Connection c = DriverManager.getConnection(db, SeedData.user(), SeedData.password())) {
                long t0 = System.nanoTime();
                SeedData.seed(c, "mx", assets, assets, first);
                for (int m = 1; m < months; m++) {
                    moreEvaluations(c, assets, first.plusMonths(m));
                }
                System.out.printf("seeded %d assets x %d months of evaluations in %.1f s%n", assets, months,
                        (System.nanoTime() - t0) / 1e9);
            }
            List<Double> seconds = new ArrayList<>();
            double peakHeap = 0;
            for (int m = 0; m < months; m++) {
                YearMonth period = first.plusMonths(m);
                long t0 = System.nanoTime();
                JsonNode run = JSON.readTree(send("POST", base + "/api/v1/attestation-runs?period=" + period).body());
                String id = run.get("id").asText();
                while (!"completed".equals(run.get("state").asText())) {
                    if ("failed".equals(run.get("state").asText())) {
                        throw new IllegalStateException("run failed: " + run);
                    }
                    peakHeap = Math.max(peakHeap, heap(base));
                    Thread.sleep(250);
                    run = JSON.readTree(send("GET", base + "/api/v1/attestation-runs/" + id).body());
                }
                double wall = (System.nanoTime() - t0) / 1e9;
                double own = Duration.between(Instant.parse(run.get("started_at").asText()),
                        Instant.parse(run.get("finished_at").asText())).toMillis() / 1e3;
                seconds.add(own);
                System.out.printf("run %s: %d/%d assets, attested %d, no_evidence %d: %.2f s (run stamps), %.2f s wall%n",
                        period, run.at("/progress/done").asInt(), run.at("/progress/total").asInt(),
                        run.at("/outcome/attested").asInt(), run.at("/outcome/no_evidence").asInt(), own, wall);
            }
            Collections.sort(seconds);
            System.out.printf("RESULT assets=%d runs=%d median=%.2f s min=%.2f s max=%.2f s peak heap used=%.0f MiB (-Xmx512m)%n",
                    assets, months, seconds.get(seconds.size() / 2), seconds.get(0), seconds.get(seconds.size() - 1),
                    peakHeap / 1024 / 1024);
        } finally {
            app.destroy();
            app.waitFor(30, TimeUnit.SECONDS);
            app.destroyForcibly();
        }
    }

    /** One more evaluation per asset, inside the given month. */
    private static void moreEvaluations(Connection c, int assets, YearMonth month) throws Exception {
        c.setAutoCommit(false);
        Instant at = month.atDay(10).atStartOfDay().toInstant(ZoneOffset.UTC);
        try (PreparedStatement e = c.prepareStatement("INSERT INTO evaluation (id, asset_id, verdict, evaluated_at, policy_digest, "
                + "engine, mta_kind, results, sources) SELECT ?, asset_id, verdict, ?, policy_digest, engine, mta_kind, results, sources "
                + "FROM evaluation WHERE asset_id = ? LIMIT 1")) {
            for (int i = 0; i < assets; i++) {
                e.setObject(1, UUID.randomUUID());
                e.setTimestamp(2, Timestamp.from(at.plusSeconds(i)));
                e.setString(3, String.format("mx-%05d", i));
                e.addBatch();
                if (i % 1000 == 999) {
                    e.executeBatch();
                }
            }
            e.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
    }

    private static double heap(String base) throws Exception {
        String metrics = send("GET", base + "/q/metrics").body();
        double sum = 0;
        Matcher m = HEAP.matcher(metrics);
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return sum;
    }

    private static void awaitReady(String base, Process p, Path work) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("application exited: " + Files.readString(work.resolve("app.log")));
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
        throw new IllegalStateException("not ready: " + Files.readString(work.resolve("app.log")));
    }

    private static HttpResponse<String> send(String method, String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + TOKEN).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
