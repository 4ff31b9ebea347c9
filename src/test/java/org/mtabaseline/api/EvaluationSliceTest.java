package org.mtabaseline.api;

import static io.restassured.RestAssured.given;
import static org.mtabaseline.api.EvaluationRequests.assertNothingStoredFor;
import static org.mtabaseline.api.EvaluationRequests.example;
import static org.mtabaseline.api.EvaluationRequests.newAsset;
import static org.mtabaseline.api.EvaluationRequests.request;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples end to end: collectors, the Rego policy pack, storage, read-back, metrics. */
@QuarkusTest
class EvaluationSliceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- the slice -----------------------------------------------------------

    @Test
    void openRelayExampleFailsOnMtaRelay001WithEvidenceAndRemediation() throws IOException {
        String asset = newAsset();
        JsonPath body = given().contentType(ContentType.JSON).body(example("postfix-open-relay.json", asset))
                .when().post("/api/v1/evaluations")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/evaluations/"))
                .body("asset.id", equalTo(asset))
                .body("verdict", equalTo("fail"))
                .body("policyDigest", matchesPattern("sha256:[0-9a-f]{64}"))
                .body("evaluatedAt", notNullValue())
                .body("results.control", hasItem("MTA-RELAY-001"))
                .extract().jsonPath();
        Map<String, Object> relay = body.getMap("results.find { it.control == 'MTA-RELAY-001' }");
        assertEquals("fail", relay.get("status"));
        assertEquals("critical", relay.get("severity"));
        assertEquals("No open relay", relay.get("title"));
        assertTrue(((List<?>) relay.get("evidence")).size() > 0, "evidence of the open relay");
        assertTrue(String.valueOf(relay.get("remediation")).contains("reject_unauth_destination"));
        assertTrue(String.valueOf(relay.get("evidence")).contains("main.cf"), "evidence names the file");
    }

    @Test
    void hardenedExamplePasses() throws IOException {
        String asset = newAsset();
        given().contentType(ContentType.JSON).body(example("postfix-hardened.json", asset))
                .when().post("/api/v1/evaluations")
                .then().statusCode(201)
                .body("verdict", equalTo("pass"))
                .body("results.find { it.control == 'MTA-RELAY-001' }.status", equalTo("pass"))
                // the supplied /etc/aliases is read through alias_maps: root goes to a monitored mailbox
                .body("results.find { it.control == 'MTA-HYG-005' }.status", equalTo("pass"))
                .body("results.find { it.control == 'MTA-HYG-005' }.evidence.find { it.setting == 'alias:root' }.line",
                        equalTo(14))
                // as README shows it: nothing fails and nothing lacks facts
                .body("results.findAll { it.status in ['fail', 'error'] }.control", org.hamcrest.Matchers.empty())
                // no high or critical control fails or errs; only such controls decide the verdict
                .body("results.findAll { it.severity in ['high', 'critical'] }.status",
                        everyItem(org.hamcrest.Matchers.in(List.of("pass", "not_applicable"))));
    }

    @Test
    void storedEvaluationReadsBackAsAnswered() throws IOException {
        String asset = newAsset();
        String posted = given().contentType(ContentType.JSON).body(example("postfix-open-relay.json", asset))
                .post("/api/v1/evaluations").then().statusCode(201).extract().asString();
        JsonNode answer = JSON.readTree(posted);
        String read = given().get("/api/v1/evaluations/" + answer.get("id").asText())
                .then().statusCode(200).extract().asString();
        assertEquals(answer, JSON.readTree(read));
        assertEquals(2, answer.get("sources").size());
        assertTrue(answer.get("sources").get(0).get("sha256").asText().matches("[0-9a-f]{64}"));
        assertEquals("postfix", answer.get("mta").asText());
        assertTrue(answer.get("engine").asText().startsWith("embedded-rego/"));
        // the asset was registered by its first evaluation
        given().get("/api/v1/assets/" + asset).then().statusCode(200)
                .body("mtaKind", equalTo("postfix")).body("role", equalTo("mail_server"));
    }

    @Test
    void assetEvaluationsAreNewestFirstAndPaginated() throws IOException {
        String asset = newAsset();
        String first = given().contentType(ContentType.JSON).body(example("postfix-open-relay.json", asset))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        String second = given().contentType(ContentType.JSON).body(example("postfix-hardened.json", asset))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        String third = given().contentType(ContentType.JSON).body(example("postfix-open-relay.json", asset))
                .post("/api/v1/evaluations").then().statusCode(201).extract().path("id");
        given().queryParam("size", 2).get("/api/v1/assets/" + asset + "/evaluations").then().statusCode(200)
                .body("total", equalTo(3)).body("items.id", contains(third, second));
        given().queryParam("size", 2).queryParam("page", 1).get("/api/v1/assets/" + asset + "/evaluations")
                .then().statusCode(200).body("items.id", contains(first));
    }

    @Test
    void registeredHostRoleReachesThePolicies() throws IOException {
        String asset = newAsset();
        given().contentType(ContentType.JSON).body("{\"role\": \"host\", \"environment\": \"prod\"}")
                .put("/api/v1/assets/" + asset).then().statusCode(201);
        given().contentType(ContentType.JSON).body(example("postfix-hardened.json", asset))
                .post("/api/v1/evaluations").then().statusCode(201)
                // a plain host must listen on loopback only; the hardened MX listens on all interfaces
                .body("results.find { it.control == 'MTA-NET-001' }.status", equalTo("fail"));
    }

    @Test
    void metricsCountEvaluationsAndTimeThem() throws IOException {
        given().contentType(ContentType.JSON).body(example("postfix-open-relay.json", newAsset()))
                .post("/api/v1/evaluations").then().statusCode(201);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.lines().anyMatch(l -> l.startsWith("mta_baseline_evaluations_total{")
                && l.contains("verdict=\"fail\"") && !l.endsWith(" 0.0")), "fail counter counted");
        assertTrue(metrics.contains("mta_baseline_evaluation_duration_seconds_count"), "duration timer");
    }

    @Test
    void everyResultHasTheDocumentedShape() throws IOException {
        given().contentType(ContentType.JSON).body(example("postfix-hardened.json", newAsset()))
                .post("/api/v1/evaluations").then().statusCode(201)
                .body("results", not(hasSize(0)))
                .body("results.status", everyItem(org.hamcrest.Matchers.in(
                        List.of("pass", "fail", "not_applicable", "error"))))
                .body("results.control", everyItem(notNullValue()))
                .body("results.severity", everyItem(notNullValue()))
                .body("results.title", everyItem(notNullValue()));
    }
}
