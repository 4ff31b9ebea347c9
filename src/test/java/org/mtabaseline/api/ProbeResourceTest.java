package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.mtabaseline.store.Probe;
import org.mtabaseline.probe.ScriptedSmtpServer;

/** POST/GET /api/v1/probes against scripted SMTP servers on loopback (the test profile's scope is 127.0.0.0/8). */
@QuarkusTest
class ProbeResourceTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ProbeService probes;

    static ScriptedSmtpServer openServer() throws Exception {
        return new ScriptedSmtpServer(new ScriptedSmtpServer.Script().rcpt(a -> "250 2.1.5 Ok"));
    }

    static ScriptedSmtpServer closedServer() throws Exception {
        return new ScriptedSmtpServer(new ScriptedSmtpServer.Script().rcpt(a -> a.contains("postmaster@")
                ? "250 2.1.5 Ok" : "454 4.7.1 " + a.substring(3) + ": Relay access denied"));
    }

    static JsonPath awaitCompleted(String id) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonPath p = given().get("/api/v1/probes/" + id).then().statusCode(200).extract().jsonPath();
            if (!"running".equals(p.getString("status"))) {
                return p;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("probe " + id + " did not finish");
    }

    @Test
    void fleetProbeIsAcceptedRunsConcurrentlyAndStoresPerTargetResults() throws Exception {
        try (ScriptedSmtpServer open = openServer(); ScriptedSmtpServer closed = closedServer()) {
            String body = """
                    {"targets": ["127.0.0.1:%d", "127.0.0.1:%d"], "options": {"ehlo_name": "probe.api.test"}}
                    """.formatted(open.port(), closed.port());
            String id = given().contentType(ContentType.JSON).body(body).post("/api/v1/probes")
                    .then().statusCode(202).header("Location", containsString("/api/v1/probes/"))
                    .body("status", equalTo("running")).body("progress.total", equalTo(2))
                    .extract().path("id");
            JsonPath done = awaitCompleted(id);
            assertEquals("completed", done.getString("status"));
            assertEquals(2, done.getInt("progress.done"));
            assertEquals(50, done.getInt("progress.tests_done"));
            assertEquals("open", done.getString("results[0].relay"));
            assertEquals("closed", done.getString("results[1].relay"));
            assertEquals(25, done.getList("results[0].tests").size());
            assertTrue(done.getString("results[0].banner").startsWith("220 mx.scripted.test"));
            assertTrue(done.getList("results[1].capabilities").contains("PIPELINING"));
            assertTrue(done.getList("results[1].transcript").size() > 50, "full transcript stored");
            assertEquals("R01", done.getString("results[1].tests[1].id"));
            assertEquals("denied", done.getString("results[1].tests[1].verdict"));
            assertTrue(open.received().contains("1 EHLO probe.api.test"), "request options are applied");
        }
    }

    @Test
    void outOfScopeTargetIs403NamingTheSettingAndNothingIsSent() throws Exception {
        given().contentType(ContentType.JSON).body("{\"targets\": [\"192.0.2.25:25\", \"127.0.0.1:25\"]}")
                .post("/api/v1/probes").then().statusCode(403).contentType("application/problem+json")
                .body("field", equalTo("targets")).body("setting", equalTo("mta-baseline.probe.scope"))
                .body("detail", containsString("MTA_BASELINE_PROBE_SCOPE"))
                .body("refused", hasItem("192.0.2.25:25"));
    }

    @Test
    void badOptionsAndTargetsAre422WithTheField() {
        given().contentType(ContentType.JSON).body("{\"targets\": [\"127.0.0.1:25\"], \"options\": {\"mode\": \"spam\"}}")
                .post("/api/v1/probes").then().statusCode(422).contentType("application/problem+json")
                .body("field", equalTo("options.mode"));
        given().contentType(ContentType.JSON).body("{\"targets\": [\"127.0.0.1:25\"], \"options\": {\"mode\": \"sink\"}}")
                .post("/api/v1/probes").then().statusCode(422).body("field", equalTo("sink_mailbox"));
        given().contentType(ContentType.JSON).body("{\"targets\": [\"127.0.0.1:0\"]}")
                .post("/api/v1/probes").then().statusCode(422).body("field", equalTo("targets"));
        given().contentType(ContentType.JSON).body("{\"targets\": []}")
                .post("/api/v1/probes").then().statusCode(400).body("field", notNullValue());
        given().contentType(ContentType.JSON).body("{\"targets\": [\"127.0.0.1:25\"], \"options\": {\"total_timeout_ms\": 99999999}}")
                .post("/api/v1/probes").then().statusCode(422).body("field", equalTo("options.total_timeout_ms"));
    }

    /** A row as a process that died mid-probe leaves it (written directly: killing this JVM is MonthlyRunKillResumeIT's job). */
    static UUID runningRow(Instant heartbeat) {
        Probe p = new Probe();
        p.id = UUID.randomUUID();
        p.status = "running";
        p.targets = JSON.createArrayNode().add("127.0.0.1:2525").add("127.0.0.2:2525");
        p.total = 2;
        p.done = 1;
        p.results = JSON.createArrayNode();
        p.createdAt = heartbeat;
        p.heartbeatAt = heartbeat;
        QuarkusTransaction.requiringNew().run(p::persist);
        return p.id;
    }

    @Test
    void probeWhoseProcessDiedIsClosedAsInterruptedAndALiveOneIsNot() {
        UUID dead = runningRow(Instant.now().minus(10, ChronoUnit.MINUTES));
        UUID alive = runningRow(Instant.now());
        probes.heartbeat();
        given().get("/api/v1/probes/" + dead).then().statusCode(200)
                .body("status", equalTo("failed"))
                .body("error", containsString("interrupted"))
                .body("error", containsString("1 of 2 targets"));
        given().get("/api/v1/probes/" + alive).then().statusCode(200).body("status", equalTo("running"));
        QuarkusTransaction.requiringNew().run(() -> Probe.deleteById(alive));
    }

    @Test
    void unknownProbeIs404() {
        given().get("/api/v1/probes/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/api/v1/probes/nope").then().statusCode(404);
    }

    @Test
    void evaluationWithProbeIdSeesConfigFactsAndProbeEvidenceTogether() throws Exception {
        String asset = "mx-probe-" + UUID.randomUUID().toString().substring(0, 8);
        try (ScriptedSmtpServer open = openServer()) {
            String id = given().contentType(ContentType.JSON)
                    .body("{\"targets\": [\"127.0.0.1:" + open.port() + "\"], \"asset_id\": \"" + asset + "\"}")
                    .post("/api/v1/probes").then().statusCode(202).body("asset_id", equalTo(asset))
                    .extract().path("id");
            awaitCompleted(id);
            ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("examples", "postfix-hardened.json")));
            ((ObjectNode) request.get("asset")).put("id", asset);
            request.put("probe_id", id);
            String evaluation = given().contentType(ContentType.JSON).body(JSON.writeValueAsString(request))
                    .post("/api/v1/evaluations").then().statusCode(201)
                    .body("probeId", equalTo(id)).extract().asString();
            JsonNode results = JSON.readTree(evaluation).path("results");
            boolean probeEvidence = false;
            for (JsonNode r : results) {
                for (JsonNode ev : r.path("evidence")) {
                    probeEvidence |= ev.has("probe_test") && "accepted".equals(ev.path("verdict").asText(
                            ev.path("replies").toString().contains("250") ? "accepted" : ""));
                }
            }
            assertTrue(probeEvidence, "a control cites the probe's accepted relay attempt: " + results);
            assertEquals("fail", JSON.readTree(evaluation).path("verdict").asText(),
                    "hardened config, but the live probe shows an open relay");
        }
        // A probe of another asset cannot be attached.
        given().contentType(ContentType.JSON).body(JSON.writeValueAsString(JSON.createObjectNode()))
                .post("/api/v1/probes").then().statusCode(400);
    }

    @Test
    void probeThatIsStillRunningCannotBeAttached() throws Exception {
        try (ScriptedSmtpServer tarpit = new ScriptedSmtpServer(new ScriptedSmtpServer.Script().rcpt(a -> null))) {
            String asset = "mx-run-" + UUID.randomUUID().toString().substring(0, 8);
            String id = given().contentType(ContentType.JSON)
                    .body("{\"targets\": [\"127.0.0.1:" + tarpit.port() + "\"], \"asset_id\": \"" + asset
                            + "\", \"options\": {\"read_timeout_ms\": 3000, \"total_timeout_ms\": 6000}}")
                    .post("/api/v1/probes").then().statusCode(202).extract().path("id");
            ObjectNode request = (ObjectNode) JSON.readTree(Files.readString(Path.of("examples", "postfix-hardened.json")));
            ((ObjectNode) request.get("asset")).put("id", asset);
            request.put("probe_id", id);
            given().contentType(ContentType.JSON).body(JSON.writeValueAsString(request))
                    .post("/api/v1/evaluations").then().statusCode(409).body("field", equalTo("probe_id"));
            JsonPath done = awaitCompleted(id);
            assertEquals("inconclusive", done.getString("results[0].relay"));
            given().get("/api/v1/probes/" + id).then().body("results", hasSize(1));
        }
    }
}
