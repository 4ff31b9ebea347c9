package org.mtabaseline.api;

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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged default artifact (target/quarkus-app, H2 build) started as a newcomer starts it, in an
 * empty working directory: it creates ./data, evaluates, and still has everything after a restart.
 */
class EmbeddedRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path workDir;

    @Test
    void restartKeepsAssetsAndEvaluationsInTheH2FileDatabase() throws Exception {
        Path jar = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
        assertTrue(Files.exists(jar), "package the application first (mvn verify does)");
        int port = freePort();
        String base = "http://127.0.0.1:" + port;

        Process first = start(jar, port, "first.log");
        String evaluationId;
        try {
            awaitReady(base, first, "first.log");
            assertEquals(201, send("PUT", base + "/api/v1/assets/mx-restart-1",
                    "{\"hostname\":\"mx.example.org\",\"environment\":\"prod\",\"tags\":{\"site\":\"fra\"}}").statusCode());
            String example = Files.readString(Path.of("examples/postfix-open-relay.json"))
                    .replace("mx-legacy-01.example.org", "mx-restart-1");
            HttpResponse<String> evaluated = send("POST", base + "/api/v1/evaluations", example);
            assertEquals(201, evaluated.statusCode(), evaluated.body());
            evaluationId = JSON.readTree(evaluated.body()).get("id").asText();
            assertEquals("fail", JSON.readTree(evaluated.body()).get("verdict").asText());
        } finally {
            stop(first);
        }
        assertTrue(Files.exists(workDir.resolve("data/mta-baseline.mv.db")), "H2 file under ./data");

        Process second = start(jar, port, "second.log");
        try {
            awaitReady(base, second, "second.log");
            JsonNode asset = JSON.readTree(send("GET", base + "/api/v1/assets/mx-restart-1", null).body());
            assertEquals("prod", asset.get("environment").asText());
            assertEquals("fra", asset.get("tags").get("site").asText());
            HttpResponse<String> again = send("GET", base + "/api/v1/evaluations/" + evaluationId, null);
            assertEquals(200, again.statusCode());
            assertEquals("fail", JSON.readTree(again.body()).get("verdict").asText());
            JsonNode list = JSON.readTree(send("GET", base + "/api/v1/assets/mx-restart-1/evaluations", null).body());
            assertEquals(1, list.get("total").asInt());
        } finally {
            stop(second);
        }
    }

    private Process start(Path jar, int port, String log) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(List.of(java, "-Dquarkus.http.port=" + port,
                "-Dmta-baseline.policy.dir=" + Path.of("policies").toAbsolutePath(), "-jar", jar.toString()))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(log).toFile())
                .start();
    }

    private void awaitReady(String base, Process p, String log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail("the application exited: " + Files.readString(workDir.resolve(log)));
            }
            try {
                if (send("GET", base + "/q/health/ready", null).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        fail("not ready within 90 s: " + Files.readString(workDir.resolve(log)));
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (body != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy(); // SIGTERM: Quarkus shuts down gracefully and H2 closes its file
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
